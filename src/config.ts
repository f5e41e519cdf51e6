import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse as parseConnectionString } from 'pg-connection-string';
import { z } from 'zod';
import { KiosqueError } from './errors.ts';
import { isMessageKey, type Locale, type MessageKey } from './i18n/i18n.ts';

/**
 * The only reader of `process.env`. Environment variables and command-line flags are parsed
 * once, at start, into a typed Config; a flag wins over its environment variable.
 */

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Absent: an embedded SQLite file in the data dir. */
  databaseUrl: string | undefined;
  /** Memory the full-page cache may hold, in bytes; 0 turns the cache off. */
  pageCacheBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Language of the command line's own messages. */
  cliLocale: Locale;
  /** Load the demo articles when the database is empty. */
  loadDemo: boolean;
  /** Processes that answer requests on the one port; 1 serves from the main process itself. */
  workers: number;
  /**
   * Which peers may say, in X-Forwarded-For and X-Forwarded-Proto, who the client is and whether it
   * came over HTTPS (Fastify's trustProxy): loopback by default, where nginx usually sits.
   */
  trustProxy: boolean | string[];
  /**
   * The public address of the site (KIOSQUE_SITE_URL, e.g. https://www.example.fr), when the
   * deployment fixes it; it wins over the administrator's setting of the same name.
   */
  siteUrl: string | undefined;
}

/** Settings that may come from a flag; names match the CLI's long options. */
export interface ConfigFlags {
  port?: string | undefined;
  host?: string | undefined;
  'data-dir'?: string | undefined;
  'database-url'?: string | undefined;
  workers?: string | undefined;
}

/**
 * Decimal digits only. Number(), as z.coerce uses it, would also read ' ' as 0 (any free port),
 * '0x10' as 16 and '1e3' as 1000: a typing mistake would start a server somewhere unexpected.
 */
const WHOLE_NUMBER = /^[0-9]+$/;
const DECIMAL_NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

// Each refusal's message is a key of the message catalogs, so that its detail reads in the
// shell's language like the sentence around it (see loadConfig).
const portSchema = z
  .string()
  .regex(WHOLE_NUMBER, 'config.port' satisfies MessageKey)
  .transform(Number)
  .pipe(z.number().max(65535, 'config.port' satisfies MessageKey));

const workersSchema = z
  .string()
  .regex(WHOLE_NUMBER, 'config.workers' satisfies MessageKey)
  .transform(Number)
  .pipe(z.number().min(1, 'config.workers' satisfies MessageKey).max(64, 'config.workers' satisfies MessageKey));

const pageCacheSchema = z
  .string()
  .regex(DECIMAL_NUMBER, 'config.pageCacheNotNumber' satisfies MessageKey)
  .transform(Number)
  .pipe(z.number().min(0, 'config.pageCacheNegative' satisfies MessageKey));

const configSchema = z.object({
  port: portSchema.default(3000),
  host: z.string().default('127.0.0.1'),
  dataDir: z.string().default('./data'),
  databaseUrl: z
    .string()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), 'config.databaseUrl' satisfies MessageKey)
    .optional(),
  pageCacheMb: pageCacheSchema.default(64),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], { message: 'config.logLevel' satisfies MessageKey }).default('info'),
  demo: z.enum(['0', '1', 'false', 'true'], { message: 'config.demo' satisfies MessageKey }).default('true'),
  workers: z.union([z.literal('auto'), workersSchema], { error: 'config.workers' satisfies MessageKey }).default(1),
  trustProxy: z.string().refine(isTrustProxy, 'config.trustProxy' satisfies MessageKey).default('loopback'),
  siteUrl: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'config.siteUrl' satisfies MessageKey)
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
});

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function trustProxyItems(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}

function isTrustProxy(value: string): boolean {
  if (value === 'true' || value === 'false') return true;
  const items = trustProxyItems(value);
  return items.length > 0 && items.every((item) => NAMED_RANGES.has(item) || net.isIP(item.replace(/\/\d+$/, '')) !== 0);
}

function parseTrustProxy(value: string): Config['trustProxy'] {
  if (value === 'true' || value === 'false') return value === 'true';
  return trustProxyItems(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The language of the shell, for the command line's own messages. Read apart from the rest of the
 * configuration, so that the sentence refusing a setting is in that language too.
 */
export function shellLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return (env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse({
    port: nonEmpty(flags.port) ?? nonEmpty(env.PORT),
    host: nonEmpty(flags.host) ?? nonEmpty(env.HOST),
    dataDir: nonEmpty(flags['data-dir']) ?? nonEmpty(env.KIOSQUE_DATA_DIR),
    databaseUrl: nonEmpty(flags['database-url']) ?? nonEmpty(env.DATABASE_URL),
    pageCacheMb: nonEmpty(env.KIOSQUE_PAGE_CACHE_MB),
    logLevel: nonEmpty(env.KIOSQUE_LOG_LEVEL),
    demo: nonEmpty(env.KIOSQUE_DEMO),
    workers: nonEmpty(flags.workers) ?? nonEmpty(env.KIOSQUE_WORKERS),
    trustProxy: nonEmpty(env.KIOSQUE_TRUST_PROXY),
    siteUrl: nonEmpty(env.KIOSQUE_SITE_URL),
  });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'unreadable value';
    throw new KiosqueError('invalid_config', { detail: isMessageKey(message) ? { key: message } : message });
  }
  const value = parsed.data;
  return {
    port: value.port,
    host: value.host,
    dataDir: path.resolve(value.dataDir),
    databaseUrl: value.databaseUrl,
    pageCacheBytes: Math.round(value.pageCacheMb * 1024 * 1024),
    logLevel: value.logLevel,
    cliLocale: shellLocale(env),
    loadDemo: value.demo === '1' || value.demo === 'true',
    workers: value.workers === 'auto' ? os.availableParallelism() : value.workers,
    trustProxy: parseTrustProxy(value.trustProxy),
    siteUrl: value.siteUrl,
  };
}

/** Describes a database target for messages without revealing its password. */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return path.join(config.dataDir, 'kiosque.sqlite');
  let url: URL | undefined;
  try {
    url = new URL(config.databaseUrl);
  } catch {
    // A user before an empty host ("postgres://kiosque@/kiosque?host=/run/postgresql") is no URL
    // to WHATWG, yet pg connects through a Unix socket with it.
  }
  if (url?.hostname) return `postgres://${url.hostname}${url.port ? ':' + url.port : ''}${url.pathname}`;
  if (!/^postgres(?:ql)?:\/\//i.test(config.databaseUrl)) return 'postgres://(unparsable address)';
  const { host, database } = parseConnectionString(config.databaseUrl);
  return `postgres:///${database ?? ''}${host ? ` (socket ${host})` : ''}`;
}
