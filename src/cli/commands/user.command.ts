import { recordAudit } from '../../auth/audit.service.ts';
import { ROLES, ROLES_REQUIRING_SECOND_FACTOR } from '../../auth/auth.policy.ts';
import { createInvitation, invitationUrl } from '../../auth/invitations.service.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/passwords.service.ts';
import { createUser, findUserByEmail, isRole, listUsers, resetSecondFactors, type SecondFactors } from '../../auth/users.service.ts';
import { loadConfig, type Config } from '../../config.ts';
import { openDatabase, type Db } from '../../db/db.ts';
import type { Role } from '../../db/schema.ts';
import { KiosqueError } from '../../errors.ts';
import { translate, type MessageKey } from '../../i18n/i18n.ts';
import { CONFIG_OPTIONS, type CommandArgs, type CommandSpec } from '../cli.ts';

/** What the audit log names as the actor of changes made from the shell. */
const SHELL = 'kiosque (command line)';

function required(args: CommandArgs, command: string, option: string): string {
  const value = args.values[option];
  if (typeof value !== 'string' || value.trim() === '') throw new KiosqueError('invalid_arguments', { command, detail: `Missing option --${option}` });
  return value.trim();
}

async function withDatabase<T>(config: Config, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** `admin` is what people type; the product's word is `administrator`. */
function parseRole(value: string, command: string): Role {
  const role = value.toLowerCase() === 'admin' ? 'administrator' : value.toLowerCase();
  if (!isRole(role)) throw new KiosqueError('invalid_arguments', { command, detail: `Unknown role "${value}" (one of ${ROLES.join(', ')})` });
  return role;
}

async function readPasswordFromStdin(command: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // The line end of `echo` or of a file is not part of the password.
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new KiosqueError('invalid_arguments', { command, detail: `The password must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` });
  }
  return password;
}

export const userCreateCommand: CommandSpec = {
  path: ['user', 'create'],
  summary: 'cli.help.user.create.summary',
  positionals: [],
  options: {
    email: { type: 'string', valueName: 'EMAIL', description: 'cli.help.user.create.email' },
    name: { type: 'string', valueName: 'NAME', description: 'cli.help.user.create.name' },
    role: { type: 'string', valueName: 'ROLE', description: { key: 'cli.help.user.create.role', params: { roles: ROLES.join(', ') } } },
    'password-stdin': { type: 'boolean', description: { key: 'cli.help.user.create.passwordStdin', params: { min: PASSWORD_MIN_LENGTH } } },
    ...CONFIG_OPTIONS,
  },
  details: ['cli.help.user.create.details'],
  async run(args) {
    const command = 'user create';
    const config = loadConfig(args.flags);
    const email = required(args, command, 'email');
    const name = required(args, command, 'name');
    const role = parseRole(required(args, command, 'role'), command);
    const password = args.values['password-stdin'] === true ? await readPasswordFromStdin(command) : null;
    const t = (key: MessageKey, params?: Record<string, string | number>) => translate(config.cliLocale, key, params);
    // The whole application, not only the database: the link is on the site's public address, which the settings may hold.
    const kiosque = await (await import('../../app.ts')).openKiosque(config);
    try {
      const { db } = kiosque;
      const now = new Date();
      const user = await createUser(db, { email, name, role, password }, now);
      await recordAudit(db.kysely, { actor: null, actorLabel: SHELL, action: 'user.create', targetType: 'user', targetId: user.id, details: { email: user.email, role, via: 'cli' } });
      process.stdout.write(t('cli.user.created', { email: user.email, name: user.name, role }) + '\n');
      if (password === null) {
        const invitation = await createInvitation(db, { email: user.email, role, invitedBy: null }, now);
        process.stdout.write(t('cli.user.finishLink', { url: invitationUrl(kiosque.siteUrl(), invitation.token) }) + '\n');
      }
      if (ROLES_REQUIRING_SECOND_FACTOR.has(role)) process.stdout.write(t('cli.user.secondFactorDue') + '\n');
    } finally {
      await kiosque.close();
    }
    return 0;
  },
};

function describeFactors(factors: SecondFactors, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  const parts: string[] = [];
  if (factors.totp) parts.push('TOTP');
  if (factors.passkeys > 0) parts.push(t('cli.user.passkeys', { count: factors.passkeys }));
  if (factors.recoveryCodesLeft > 0) parts.push(t('cli.user.recoveryCodes', { count: factors.recoveryCodesLeft }));
  return parts.length > 0 ? parts.join(', ') : t('cli.user.noFactor');
}

export const userListCommand: CommandSpec = {
  path: ['user', 'list'],
  summary: 'cli.help.user.list.summary',
  positionals: [],
  options: { ...CONFIG_OPTIONS },
  async run({ flags }) {
    const config = loadConfig(flags);
    const t = (key: MessageKey, params?: Record<string, string | number>) => translate(config.cliLocale, key, params);
    const users = await withDatabase(config, listUsers);
    if (users.length === 0) {
      process.stdout.write(t('cli.user.none') + '\n');
      return 0;
    }
    const header = [t('cli.user.email'), t('cli.user.name'), t('cli.user.role'), t('cli.user.secondFactors'), t('cli.user.lastSignIn')];
    const rows = users.map((user) => [
      user.email,
      user.name,
      user.suspended ? `${user.role} (${t('cli.user.suspended')})` : user.role,
      describeFactors(user.secondFactors, t),
      user.lastSignInAt ? user.lastSignInAt.slice(0, 16).replace('T', ' ') + ' UTC' : t('cli.user.never'),
    ]);
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ') + '\n';
    process.stdout.write(line(header) + rows.map(line).join(''));
    return 0;
  },
};

export const userResetSecondFactorCommand: CommandSpec = {
  path: ['user', 'reset-2fa'],
  summary: 'cli.help.user.reset.summary',
  positionals: [],
  options: {
    email: { type: 'string', valueName: 'EMAIL', description: 'cli.help.user.reset.email' },
    ...CONFIG_OPTIONS,
  },
  details: ['cli.help.user.reset.details'],
  async run(args) {
    const config = loadConfig(args.flags);
    const email = required(args, 'user reset-2fa', 'email');
    await withDatabase(config, async (db) => {
      const user = await findUserByEmail(db, email);
      if (!user) throw new KiosqueError('unknown_account', { email: email.toLowerCase() });
      await resetSecondFactors(db, user.id, new Date());
      await recordAudit(db.kysely, { actor: null, actorLabel: SHELL, action: 'user.reset_second_factors', targetType: 'user', targetId: user.id, details: { email: user.email, via: 'cli' } });
      process.stdout.write(translate(config.cliLocale, 'cli.user.reset', { email: user.email }) + '\n');
    });
    return 0;
  },
};

export const userCommands: readonly CommandSpec[] = [userCreateCommand, userListCommand, userResetSecondFactorCommand];
