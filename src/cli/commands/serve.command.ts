import { openKiosque } from '../../app.ts';
import { prepareSetupToken } from '../../auth/setup.service.ts';
import { loadConfig, type Config } from '../../config.ts';
import { isKiosqueError } from '../../errors.ts';
import { translate } from '../../i18n/i18n.ts';
import { prepareFirstStart, startServer, type RunningServer } from '../../server.ts';
import { isWorkerProcess, releasePrimary, reportToPrimary, superviseWorkers, workerBroadcast } from '../../workers.ts';
import { CONFIG_OPTIONS, type CommandSpec } from '../cli.ts';

export const serveCommand: CommandSpec = {
  path: ['serve'],
  summary: 'serve the blog (creates the database and loads the demo on first start)',
  positionals: [],
  options: {
    port: { type: 'string', short: 'p', valueName: 'PORT', description: 'port to listen on (PORT, default 3000)' },
    host: { type: 'string', valueName: 'HOST', description: 'address to listen on (HOST, default 127.0.0.1)' },
    workers: { type: 'string', valueName: 'N', description: 'processes answering on the port, or "auto" for one per core (KIOSQUE_WORKERS, default 1)' },
    ...CONFIG_OPTIONS,
  },
  details: 'SIGTERM or Ctrl-C finishes the requests in flight, closes the database cleanly, then exits.',
  async run({ flags }) {
    const config = loadConfig(flags);
    if (isWorkerProcess()) return serveAsWorker(config);
    if (config.workers > 1) return serveWithWorkers(config);
    const server = await startServer(config);
    // An installation without any account gets a one-time link to create its first administrator; each start replaces it.
    const setupToken = await prepareSetupToken(server.kiosque.db, new Date());
    announce(config, server.kiosque.settings.current.title, server.url, setupToken);
    await stopOnSignal(server, true);
    return 0;
  },
};

function announce(config: Config, title: string, url: string, setupToken: string | null): void {
  const workers = config.workers > 1 ? ` (${config.workers} workers)` : '';
  process.stdout.write(`Kiosque serves « ${title} » at ${url}${workers}\n`);
  if (setupToken) process.stdout.write(translate(config.cliLocale, 'cli.setupLink', { url: `${url}admin/setup#${setupToken}` }) + '\n');
}

/** The primary: prepares the database once, then supervises the workers that answer. */
async function serveWithWorkers(config: Config): Promise<number> {
  const kiosque = await openKiosque(config);
  let title: string;
  let setupToken: string | null;
  try {
    await prepareFirstStart(kiosque);
    title = kiosque.settings.current.title;
    setupToken = await prepareSetupToken(kiosque.db, new Date());
  } finally {
    await kiosque.close();
  }
  return superviseWorkers(config.workers, {
    onReady: (url) => announce(config, title, url, setupToken),
    onFailed: (message) => process.stderr.write(`kiosque: ${message}\n`),
    onStopping: () => process.stdout.write('Kiosque is stopping: finishing the requests in flight…\n'),
  });
}

/** A worker tells the primary how its start went; the primary speaks for all of them. */
async function serveAsWorker(config: Config): Promise<number> {
  let server: RunningServer;
  try {
    server = await startServer(config, { worker: { broadcast: workerBroadcast() } });
  } catch (error) {
    await reportToPrimary({ kiosque: 'failed', message: isKiosqueError(error) ? error.publicMessage(config.cliLocale) : String(error) });
    releasePrimary();
    return 1;
  }
  await reportToPrimary({ kiosque: 'listening', url: server.url });
  await stopOnSignal(server, false);
  releasePrimary();
  return 0;
}

function stopOnSignal(server: RunningServer, speak: boolean): Promise<void> {
  return new Promise<void>((resolve) => {
    const shutdown = () => {
      if (speak) process.stdout.write('Kiosque is stopping: finishing the requests in flight…\n');
      void server.stop().then(resolve, (error: unknown) => {
        process.stderr.write(`kiosque: the shutdown did not finish cleanly (${error instanceof Error ? error.message : String(error)})\n`);
        resolve();
      });
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  });
}
