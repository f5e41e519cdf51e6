import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ConfigFlags } from '../config.ts';
import { KiosqueError } from '../errors.ts';
import { translate, type Locale, type MessageKey, type Phrase } from '../i18n/i18n.ts';

/**
 * A small command-line layer over node:util's parseArgs: strict flags (an unknown one is an
 * error, not silently ignored), help generated from each command's own description.
 */

/** Words of the help, from the message catalogs: shown in the shell's language. */
export type HelpText = MessageKey | Phrase;

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  valueName?: string;
  description: HelpText;
}

export interface CommandSpec {
  /** Words that select the command, e.g. ['import', 'markdown']. */
  path: string[];
  summary: HelpText;
  /** Positional arguments, in order. */
  positionals: { name: string; description: HelpText }[];
  options: Record<string, OptionSpec>;
  /** Extra paragraphs for --help, each its own message. */
  details?: HelpText[];
  run(args: CommandArgs): Promise<number>;
}

export interface CommandArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  flags: ConfigFlags;
}

/** Settings every command that opens the database understands; the same as the environment variables. */
export const CONFIG_OPTIONS: Record<string, OptionSpec> = {
  'data-dir': { type: 'string', valueName: 'DIR', description: 'cli.help.dataDir' },
  'database-url': { type: 'string', valueName: 'URL', description: 'cli.help.databaseUrl' },
};

const HELP_OPTION: Record<string, OptionSpec> = { help: { type: 'boolean', short: 'h', description: 'cli.help.thisHelp' } };

function say(locale: Locale, text: HelpText): string {
  return typeof text === 'string' ? translate(locale, text) : translate(locale, text.key, text.params);
}

export function commandName(command: CommandSpec): string {
  return command.path.join(' ');
}

export function formatCommandHelp(command: CommandSpec, locale: Locale): string {
  const options = { ...command.options, ...HELP_OPTION };
  const lines = [
    translate(locale, 'cli.help.commandUsage', { command: commandName(command), arguments: command.positionals.map((p) => ` <${p.name}>`).join('') }),
    '',
    say(locale, command.summary),
  ];
  if (command.positionals.length > 0) {
    lines.push('', translate(locale, 'cli.help.arguments'));
    for (const p of command.positionals) lines.push(`  ${p.name.padEnd(24)} ${say(locale, p.description)}`);
  }
  lines.push('', translate(locale, 'cli.help.options'));
  for (const [name, spec] of Object.entries(options)) {
    const left = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
    lines.push(`  ${left.padEnd(28)} ${say(locale, spec.description)}`);
  }
  if (command.details) lines.push('', ...command.details.map((text) => say(locale, text)));
  return lines.join('\n') + '\n';
}

export function formatGlobalHelp(commands: readonly CommandSpec[], locale: Locale): string {
  const lines = [
    translate(locale, 'cli.help.intro'),
    '',
    translate(locale, 'cli.help.usage'),
    '',
    translate(locale, 'cli.help.commands'),
    ...commands.map((c) => `  ${commandName(c).padEnd(24)} ${say(locale, c.summary)}`),
    '',
    translate(locale, 'cli.help.options'),
    `  -h, --help                 ${translate(locale, 'cli.help.help')}`,
    `  -v, --version              ${translate(locale, 'cli.help.version')}`,
    '',
    translate(locale, 'cli.help.environment'),
  ];
  return lines.join('\n') + '\n';
}

/** Finds the command named by the first words of argv; the longest match wins. */
export function findCommand(commands: readonly CommandSpec[], argv: readonly string[]): { command: CommandSpec; rest: string[] } | undefined {
  const sorted = [...commands].sort((a, b) => b.path.length - a.path.length);
  for (const command of sorted) {
    if (command.path.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(command.path.length) };
  }
  return undefined;
}

/** Parses a command's arguments; an unknown flag or a missing argument is a KiosqueError with one sentence. */
export function parseCommandArgs(command: CommandSpec, argv: string[]): CommandArgs | 'help' {
  const options: ParseArgsConfig['options'] = {};
  for (const [name, spec] of Object.entries({ ...command.options, ...HELP_OPTION })) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new KiosqueError('invalid_arguments', { command: commandName(command), detail: describeParseError(error) });
  }
  if (parsed.values.help) return 'help';
  const missing = command.positionals.slice(parsed.positionals.length);
  if (missing.length > 0) {
    throw new KiosqueError('invalid_arguments', { command: commandName(command), detail: { key: 'cli.args.missing', params: { name: `<${missing[0]!.name}>` } } });
  }
  if (parsed.positionals.length > command.positionals.length) {
    throw new KiosqueError('invalid_arguments', { command: commandName(command), detail: { key: 'cli.args.unexpected', params: { value: parsed.positionals[command.positionals.length]! } } });
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const flag = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return {
    positionals: parsed.positionals,
    values,
    flags: { port: flag('port'), host: flag('host'), 'data-dir': flag('data-dir'), 'database-url': flag('database-url'), workers: flag('workers') },
  };
}

/** node:util's messages are long, in English and mention internals; keep the part a person needs, in their language. */
function describeParseError(error: unknown): Phrase {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return { key: 'cli.args.unknownOption', params: { option: unknown[1]! } };
  const needsValue = /Option '([^']+)' argument missing/.exec(message);
  if (needsValue) return { key: 'cli.args.needsValue', params: { option: needsValue[1]!.replace(/^-\w, /, '') } };
  // "--email --name X": the next option was taken for --email's value.
  const ambiguous = /Option '([^']+)' argument is ambiguous/.exec(message);
  if (ambiguous) return { key: 'cli.args.needsValue', params: { option: ambiguous[1]!.replace(/^-\w, /, '') } };
  const noValue = /Option '([^']+)' does not take an argument/.exec(message);
  if (noValue) return { key: 'cli.args.takesNoValue', params: { option: noValue[1]!.replace(/^-\w, /, '') } };
  return { key: 'cli.args.unreadable', params: { detail: message.split('\n')[0]!.replace(/\.$/, '') } };
}
