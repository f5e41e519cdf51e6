import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/error-handler.ts';

function failingWith(error: Error) {
  const app = Fastify();
  app.setErrorHandler(errorHandler(() => 'fr'));
  app.get('/page/', () => {
    throw error;
  });
  return app.inject({ url: '/page/' });
}

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('errors of an unavailable database', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['an unknown host', withCode('getaddrinfo ENOTFOUND db', 'ENOTFOUND')],
    ['a server shutting down', withCode('terminating connection due to administrator command', '57P01')],
    ['a server starting', withCode('the database system is starting up', '57P03')],
    ['a connection failure', withCode('connection failure', '08006')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a full pool', new Error('timeout exceeded when trying to connect')],
    ['SQLite locked beyond busy_timeout', withCode('database is locked', 'SQLITE_BUSY')],
  ])('answer 503 with Retry-After and a sentence for readers on %s', async (_case, error) => {
    const response = await failingWith(error);
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.body).toBe('Le site est momentanément indisponible\u202f; réessayez dans quelques minutes.');
  });

  it('leaves other failures a 500', async () => {
    const response = await failingWith(withCode('duplicate key value violates unique constraint', '23505'));
    expect(response.statusCode).toBe(500);
    expect(response.headers['retry-after']).toBeUndefined();
  });
});
