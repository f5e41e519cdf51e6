import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { KiosqueError } from './errors.ts';
import type { Locale } from './i18n/i18n.ts';

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

const portSchema = z.coerce
  .number({ message: 'the port must be a number' })
  .int('the port must be a whole number')
  .min(0, 'the port must be between 0 and 65535')
  .max(65535, 'the port must be between 0 and 65535');

const WORKERS_MESSAGE = 'the number of workers (--workers, KIOSQUE_WORKERS) must be "auto" or a whole number from 1 to 64';

const configSchema = z.object({
  port: portSchema.default(3000),
  host: z.string().min(1, 'the host cannot be empty').default('127.0.0.1'),
  dataDir: z.string().min(1, 'the data directory cannot be empty').default('./data'),
  databaseUrl: z
    .string()
    .refine((url) => /^postgres(ql)?:\/\//.test(url), 'DATABASE_URL must start with postgres:// (leave it unset for SQLite)')
    .optional(),
  pageCacheMb: z.coerce.number({ message: 'KIOSQUE_PAGE_CACHE_MB must be a number' }).min(0).default(64),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], {
    message: 'KIOSQUE_LOG_LEVEL must be one of fatal, error, warn, info, debug, silent',
  }).default('info'),
  demo: z.enum(['0', '1', 'false', 'true'], { message: 'KIOSQUE_DEMO must be true or false' }).default('true'),
  workers: z.union([z.literal('auto'), z.coerce.number().int(WORKERS_MESSAGE).min(1, WORKERS_MESSAGE).max(64, WORKERS_MESSAGE)], { error: WORKERS_MESSAGE }).default(1),
  trustProxy: z
    .string()
    .refine(isTrustProxy, 'KIOSQUE_TRUST_PROXY must be true, false, or addresses and ranges separated by commas (e.g. loopback,10.0.0.0/8)')
    .default('loopback'),
  siteUrl: z
    .string()
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, 'KIOSQUE_SITE_URL must be an address such as https://www.example.fr')
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
    const issue = parsed.error.issues[0];
    throw new KiosqueError('invalid_config', { detail: issue?.message ?? 'unreadable value' });
  }
  const value = parsed.data;
  return {
    port: value.port,
    host: value.host,
    dataDir: path.resolve(value.dataDir),
    databaseUrl: value.databaseUrl,
    pageCacheBytes: Math.round(value.pageCacheMb * 1024 * 1024),
    logLevel: value.logLevel,
    cliLocale: (env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '').toLowerCase().startsWith('fr') ? 'fr' : 'en',
    loadDemo: value.demo === '1' || value.demo === 'true',
    workers: value.workers === 'auto' ? os.availableParallelism() : value.workers,
    trustProxy: parseTrustProxy(value.trustProxy),
    siteUrl: value.siteUrl,
  };
}

/** Describes a database target for messages without revealing its password. */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return path.join(config.dataDir, 'kiosque.sqlite');
  try {
    const url = new URL(config.databaseUrl);
    return `postgres://${url.hostname}${url.port ? ':' + url.port : ''}${url.pathname}`;
  } catch {
    return 'postgres://(unparsable address)';
  }
}
