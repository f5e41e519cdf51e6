import { describe, expect, it } from 'vitest';
import { describeDatabase, loadConfig, type ConfigFlags } from './config.ts';
import { isKiosqueError } from './errors.ts';

/** The sentence a person reads when the configuration is refused, in English and in French. */
function refusal(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): { en: string; fr: string } {
  try {
    loadConfig(flags, env);
  } catch (error) {
    if (!isKiosqueError(error) || error.code !== 'invalid_config') throw error;
    return { en: error.publicMessage('en'), fr: error.publicMessage('fr') };
  }
  throw new Error(`accepted: ${JSON.stringify({ env, flags })}`);
}

describe('loadConfig', () => {
  it('reads ports, workers and the page cache written as decimal numbers', () => {
    expect(loadConfig({}, { PORT: '8080', KIOSQUE_WORKERS: '4', KIOSQUE_PAGE_CACHE_MB: '0.5' })).toMatchObject({ port: 8080, workers: 4, pageCacheBytes: 524288 });
    expect(loadConfig({ port: '0' }, {}).port).toBe(0);
    expect(loadConfig({}, { PORT: '65535', KIOSQUE_PAGE_CACHE_MB: '0' })).toMatchObject({ port: 65535, pageCacheBytes: 0 });
    expect(loadConfig({}, {})).toMatchObject({ port: 3000, workers: 1, pageCacheBytes: 64 * 1024 * 1024 });
  });

  it('refuses a port that is not a decimal whole number from 0 to 65535', () => {
    for (const port of [' ', '0x10', '1e3', '80.5', '-1', '+80', '65536', 'eighty', '80 ']) {
      expect(refusal({ PORT: port }).en, JSON.stringify(port)).toBe('Invalid configuration: the port (--port, PORT) must be a whole number from 0 to 65535.');
    }
    expect(refusal({}, { port: '0x10' }).fr).toBe('Configuration invalide\u00a0: le port (--port, PORT) doit être un nombre entier de 0 à 65535.');
  });

  it('refuses a number of workers that is not "auto" or a decimal whole number from 1 to 64', () => {
    for (const workers of [' ', '0x10', '1e1', '2.5', '0', '65']) {
      expect(refusal({ KIOSQUE_WORKERS: workers }).en, JSON.stringify(workers)).toBe(
        'Invalid configuration: the number of workers (--workers, KIOSQUE_WORKERS) must be "auto" or a whole number from 1 to 64.',
      );
    }
    expect(refusal({}, { workers: 'all' }).fr).toBe(
      'Configuration invalide\u00a0: le nombre de processus (--workers, KIOSQUE_WORKERS) doit être «\u00a0auto\u00a0» ou un nombre entier de 1 à 64.',
    );
  });

  it('says what is wrong with the page cache size: not a number, or below 0', () => {
    for (const size of [' ', '0x10', '1e3', 'lots', '64MB']) {
      expect(refusal({ KIOSQUE_PAGE_CACHE_MB: size }).en, JSON.stringify(size)).toBe('Invalid configuration: KIOSQUE_PAGE_CACHE_MB must be a number of megabytes, such as 64.');
    }
    expect(refusal({ KIOSQUE_PAGE_CACHE_MB: '-5' })).toEqual({
      en: 'Invalid configuration: KIOSQUE_PAGE_CACHE_MB must be 0 or more (0 turns the page cache off).',
      fr: 'Configuration invalide\u00a0: KIOSQUE_PAGE_CACHE_MB doit valoir 0 ou plus (0 désactive le cache des pages).',
    });
  });

  it('gives every refusal in the language of the shell, the detail included', () => {
    const cases: NodeJS.ProcessEnv[] = [
      { DATABASE_URL: 'mysql://db' },
      { KIOSQUE_LOG_LEVEL: 'loud' },
      { KIOSQUE_DEMO: 'maybe' },
      { KIOSQUE_TRUST_PROXY: 'the proxy' },
      { KIOSQUE_SITE_URL: 'www.example.fr' },
    ];
    for (const env of cases) {
      const { en, fr } = refusal(env);
      expect(en, JSON.stringify(env)).toMatch(/^Invalid configuration: .+\.$/);
      expect(fr, JSON.stringify(env)).toMatch(/^Configuration invalide\u00a0: .+\.$/);
      // The French sentence is French throughout: its detail is not the English one.
      expect(fr.slice('Configuration invalide\u00a0: '.length)).not.toBe(en.slice('Invalid configuration: '.length));
    }
  });
});

describe('describeDatabase', () => {
  const describeUrl = (databaseUrl: string) => describeDatabase({ databaseUrl, dataDir: '/srv/kiosque' });

  it('names the server and database without the user or password', () => {
    expect(describeUrl('postgres://kiosque:s3cret@db.example.fr:5433/kiosque')).toBe('postgres://db.example.fr:5433/kiosque');
  });

  it('names the socket folder of an address that connects through a Unix socket, in both ways of writing it', () => {
    expect(describeUrl('postgres://kiosque@/kiosque?host=/run/postgresql')).toBe('postgres:///kiosque (socket /run/postgresql)');
    expect(describeUrl('postgresql:///kiosque?host=/run/postgresql&password=s3cret')).toBe('postgres:///kiosque (socket /run/postgresql)');
  });

  it('says an address is unparsable rather than echo it', () => {
    expect(describeUrl('kiosque:s3cret@nowhere')).toBe('postgres://(unparsable address)');
  });

  it('names the SQLite file when there is no database address', () => {
    expect(describeDatabase({ databaseUrl: undefined, dataDir: '/srv/kiosque' })).toBe('/srv/kiosque/kiosque.sqlite');
  });
});
