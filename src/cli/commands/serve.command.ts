import { loadConfig, type Config } from '../../config.ts';
import { isKiosqueError } from '../../errors.ts';
import { translate } from '../../i18n/i18n.ts';
import type { RunningServer } from '../../server.ts';
import { isPreparingWorker, isWorkerProcess, releasePrimary, reportToPrimary, superviseWorkers, workerBroadcast, type Announcement } from '../../workers.ts';
import { CONFIG_OPTIONS, type CommandSpec } from '../cli.ts';

// The server is imported only where it runs: the primary of several workers never loads it.
const loadServer = () => import('../../server.ts');

export const serveCommand: CommandSpec = {
  path: ['serve'],
  summary: 'cli.help.serve.summary',
  positionals: [],
  options: {
    port: { type: 'string', short: 'p', valueName: 'PORT', description: 'cli.help.serve.port' },
    host: { type: 'string', valueName: 'HOST', description: 'cli.help.serve.host' },
    workers: { type: 'string', valueName: 'N', description: 'cli.help.serve.workers' },
    ...CONFIG_OPTIONS,
  },
  details: ['cli.help.serve.details'],
  async run({ flags }) {
    const config = loadConfig(flags);
    if (isWorkerProcess()) return serveAsWorker(config);
    if (config.workers > 1) return serveWithWorkers(config);
    const server = await (await loadServer()).startServer(config);
    announce(config, server.url, announcementOf(server));
    await stopOnSignal(server, true);
    return 0;
  },
};

function announcementOf(server: RunningServer): Announcement | undefined {
  return server.firstStart && { title: server.kiosque.settings.current.title, setupToken: server.firstStart.setupToken, siteUrl: server.kiosque.siteUrl() };
}

function announce(config: Config, url: string, announcement: Announcement | undefined): void {
  const workers = config.workers > 1 ? ` (${config.workers} workers)` : '';
  process.stdout.write(`Kiosque serves « ${announcement?.title ?? 'Kiosque'} » at ${url}${workers}\n`);
  // An installation without any account gets a one-time link to create its first administrator,
  // on the public address when there is one: behind a proxy, the listening address does not open.
  if (announcement?.setupToken) process.stdout.write(translate(config.cliLocale, 'cli.setupLink', { url: `${announcement.siteUrl}/admin/setup#${announcement.setupToken}` }) + '\n');
}

/** The primary supervises the workers; the first of them prepares the database. */
function serveWithWorkers(config: Config): Promise<number> {
  return superviseWorkers(config.workers, {
    onReady: (url, announcement) => announce(config, url, announcement),
    onFailed: (message) => process.stderr.write(`kiosque: ${message}\n`),
    onStopping: () => process.stdout.write('Kiosque is stopping: finishing the requests in flight…\n'),
  });
}

/** A worker tells the primary how its start went; the primary speaks for all of them. */
async function serveAsWorker(config: Config): Promise<number> {
  let server: RunningServer;
  try {
    server = await (await loadServer()).startServer(config, { worker: { broadcast: workerBroadcast(), prepares: isPreparingWorker() } });
  } catch (error) {
    await reportToPrimary({ kiosque: 'failed', message: isKiosqueError(error) ? error.publicMessage(config.cliLocale) : String(error) });
    releasePrimary();
    return 1;
  }
  await reportToPrimary({ kiosque: 'listening', url: server.url, announcement: announcementOf(server) });
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
