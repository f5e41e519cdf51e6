import { runCli } from './cli/run.ts';

// The entry point of the `kiosque` command (bin/kiosque.js): everything else lives in cli/.
process.exitCode = await runCli(process.argv.slice(2));
