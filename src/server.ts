import type { FastifyInstance } from 'fastify';
import { buildApp, openKiosque, type Kiosque } from './app.ts';
import type { Config } from './config.ts';
import type { Broadcast } from './db/db.ts';
import { loadDemoIfEmpty } from './demo/demo.ts';
import { KiosqueError } from './errors.ts';

export interface RunningServer {
  app: FastifyInstance;
  kiosque: Kiosque;
  url: string;
  /** Stops accepting connections, lets the requests in flight finish, then closes the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** A worker process leaves the first-start work (demo content) to the primary, which did it once. */
  worker?: { broadcast: Broadcast };
}

/** What an empty installation needs once, before any request: done by the only or the primary process. */
export async function prepareFirstStart(kiosque: Kiosque): Promise<void> {
  if (kiosque.config.loadDemo) await loadDemoIfEmpty(kiosque);
}

/** Opens everything and listens; every failure a person can fix becomes one KiosqueError. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const kiosque = await openKiosque(config, { broadcast: options.worker?.broadcast });
  let app: FastifyInstance | undefined;
  try {
    if (!options.worker) await prepareFirstStart(kiosque);
    app = await buildApp(kiosque);
    await listen(app, config);
  } catch (error) {
    await app?.close();
    await kiosque.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let stopping: Promise<void> | undefined;
  const running = app;
  return {
    app,
    kiosque,
    url: `http://${host}:${port}/`,
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
    throw new KiosqueError('listen_failed', { port: config.port, host: config.host, detail: code ?? String(error) }, { cause: error });
  }
}
