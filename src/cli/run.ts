import fs from 'node:fs';
import { findCommand, formatCommandHelp, formatGlobalHelp, parseCommandArgs, type CommandSpec } from './cli.ts';
import { exportCommands } from './commands/export.command.ts';
import { importMarkdownCommand, importWordpressCommand } from './commands/import.command.ts';
import { serveCommand } from './commands/serve.command.ts';
import { userCommands } from './commands/user.command.ts';
import { shellLocale } from '../config.ts';
import { KiosqueError, isKiosqueError } from '../errors.ts';
import { projectPath } from '../paths.ts';

/** The `kiosque` command line. Every failure a person can fix ends with one sentence and a non-zero exit code. */

const COMMANDS: readonly CommandSpec[] = [serveCommand, importMarkdownCommand, importWordpressCommand, ...exportCommands, ...userCommands];

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

const GLOBAL_FLAGS = new Set(['--help', '-h', '--version', '-v']);

async function main(argv: string[]): Promise<number> {
  // `serve` is the default command: `kiosque` alone, or followed by its options (`kiosque -p 8080`).
  if (argv.length === 0 || (argv[0]!.startsWith('-') && !GLOBAL_FLAGS.has(argv[0]!))) argv = ['serve', ...argv];
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    const named = argv[0] === 'help' ? findCommand(COMMANDS, argv.slice(1)) : undefined;
    process.stdout.write(named ? formatCommandHelp(named.command, shellLocale()) : formatGlobalHelp(COMMANDS, shellLocale()));
    return 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    process.stdout.write(version() + '\n');
    return 0;
  }
  const found = findCommand(COMMANDS, argv);
  if (!found) {
    const group = COMMANDS.filter((c) => c.path[0] === argv[0]);
    if (group.length > 0 && (argv.length === 1 || argv[1] === '--help' || argv[1] === '-h')) {
      process.stdout.write(formatGlobalHelp(group, shellLocale()));
      return argv.length === 1 ? 2 : 0;
    }
    throw new KiosqueError('unknown_command', { command: argv.slice(0, group.length > 0 ? 2 : 1).join(' ') });
  }
  const args = parseCommandArgs(found.command, found.rest);
  if (args === 'help') {
    process.stdout.write(formatCommandHelp(found.command, shellLocale()));
    return 0;
  }
  return found.command.run(args);
}

/** Runs the command line and returns its exit code; errors are printed, never thrown. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  const locale = shellLocale();
  if (isKiosqueError(error)) {
    process.stderr.write(`kiosque: ${error.publicMessage(locale)}\n`);
    return error.status === 400 ? 2 : 1;
  }
  // A defect, not a user's mistake: one sentence, and the details for the bug report.
  process.stderr.write(`kiosque: ${new KiosqueError('internal').publicMessage(locale)}\n`);
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
