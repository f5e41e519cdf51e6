import { loadConfig } from '../../config.ts';
import { startServer } from '../../server.ts';
import { CONFIG_OPTIONS, type CommandSpec } from '../cli.ts';

export const serveCommand: CommandSpec = {
  path: ['serve'],
  summary: 'serve the blog (creates the database and loads the demo on first start)',
  positionals: [],
  options: {
    port: { type: 'string', short: 'p', valueName: 'PORT', description: 'port to listen on (PORT, default 3000)' },
    host: { type: 'string', valueName: 'HOST', description: 'address to listen on (HOST, default 127.0.0.1)' },
    ...CONFIG_OPTIONS,
  },
  details: 'SIGTERM or Ctrl-C finishes the requests in flight, closes the database cleanly, then exits.',
  async run({ flags }) {
    const config = loadConfig(flags);
    const server = await startServer(config);
    process.stdout.write(`Kiosque serves « ${server.kiosque.settings.current.title} » at ${server.url}\n`);
    await new Promise<void>((resolve) => {
      const shutdown = () => {
        process.stdout.write('Kiosque is stopping: finishing the requests in flight…\n');
        void server.stop().then(resolve, (error: unknown) => {
          process.stderr.write(`kiosque: the shutdown did not finish cleanly (${error instanceof Error ? error.message : String(error)})\n`);
          resolve();
        });
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    });
    return 0;
  },
};
