import type { FastifyInstance } from 'fastify';
import { buildApp, openKiosque, type Kiosque } from './app.ts';
import type { Config } from './config.ts';
import type { Broadcast } from './db/db.ts';
import { prepareSetupToken } from './auth/setup.service.ts';
import { loadDemoIfEmpty } from './demo/demo.ts';
import { KiosqueError } from './errors.ts';
import { addMissingDrawingCopies } from './media/media.drawings.ts';
import { systemErrorReason } from './lib/system-errors.ts';

export interface RunningServer {
  app: FastifyInstance;
  kiosque: Kiosque;
  url: string;
  /** What the first start prepared, when this process did it. */
  firstStart: FirstStart | undefined;
  /** Stops accepting connections, lets the requests in flight finish, then closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** One of several worker processes; only the first one started does the first-start work. */
  worker?: { broadcast: Broadcast; prepares: boolean };
}

export interface FirstStart {
  /** The one-time link's token for creating the first administrator, while the installation has no account. */
  setupToken: string | null;
}

/** What an installation needs once per start, before any request: the demo content, drawings' copies, the setup link. */
async function prepareFirstStart(kiosque: Kiosque): Promise<FirstStart> {
  if (kiosque.config.loadDemo) await loadDemoIfEmpty(kiosque);
  // Before any page is served (and cached): drawings stored before the library made raster copies
  // get theirs once, so their articles' cards no longer fall back to the logo.
  await addMissingDrawingCopies(kiosque.db, kiosque.config.dataDir);
  // Each start replaces the link, so an old one printed in a log is worth nothing.
  return { setupToken: await prepareSetupToken(kiosque.db, new Date()) };
}

/** Opens everything and listens; every failure a person can fix becomes one KiosqueError. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const kiosque = await openKiosque(config, { broadcast: options.worker?.broadcast });
  let app: FastifyInstance | undefined;
  let firstStart: FirstStart | undefined;
  try {
    if (!options.worker || options.worker.prepares) firstStart = await prepareFirstStart(kiosque);
    app = await buildApp(kiosque);
    // On SQLite, a command run beside the server (an import, `kiosque user`) commits without a
    // word. Each worker watches through its own connection, which sees every commit but its own:
    // the primary loads no database, and watching there would take the workers' own commits for
    // another process's just the same. A worker also sees its siblings' commits, which the primary
    // relays too; that empties its copies once more, at most once per look, never a storm.
    kiosque.db.watchOtherWriters?.(() => kiosque.events.receiveUnannouncedCommit());
    await listen(app, config);
  } catch (error) {
    await app?.close();
    await kiosque.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  kiosque.setListeningUrl(`http://${host}:${port}`);
  let stopping: Promise<void> | undefined;
  const running = app;
  return {
    app,
    kiosque,
    url: `http://${host}:${port}/`,
    firstStart,
    stop() {
      stopping ??= (async () => {
        // Closing stops new connections and drops idle ones; a kept-alive connection that was busy
        // becomes idle once its answer has left, and is closed then rather than at its idle timeout.
        const sweep = setInterval(() => running.server.closeIdleConnections(), 50);
        try {
          await running.close();
        } finally {
          clearInterval(sweep);
        }
        await kiosque.close();
      })();
      return stopping;
    },
  };
}

async function listen(app: FastifyInstance, config: Config): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new KiosqueError('port_in_use', { port: config.port, host: config.host }, { cause: error });
    throw new KiosqueError('listen_failed', { port: config.port, host: config.host, detail: systemErrorReason(error) }, { cause: error });
  }
}
