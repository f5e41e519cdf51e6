import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, openKiosque, type AppOptions, type Kiosque } from '../../src/app.ts';
import { savePost, type PostInput, type SavedPost } from '../../src/content/content.service.ts';
import { createTestConfig, type Engine } from './database.ts';

/** A site on a fresh database of the given engine, answered in-process through Fastify's inject. */
export interface TestSite {
  engine: Engine;
  kiosque: Kiosque;
  app: FastifyInstance;
  /** The site's clock; set `clock.now` to move time. */
  clock: { now: string };
  /** Creates or updates a post through the content service, with sensible defaults. */
  makePost(overrides?: Partial<PostInput>, existingId?: number): Promise<SavedPost>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  dispose(): Promise<void>;
}

let counter = 0;

export function postInput(overrides: Partial<PostInput> = {}): PostInput {
  counter++;
  return {
    type: 'post',
    title: `Article de test numéro ${counter}`,
    markdown: `Premier paragraphe de l’article ${counter}, assez long pour servir d’extrait.\n\n## Une partie\n\nSuite du texte.`,
    status: 'published',
    publishedAt: new Date(Date.UTC(2021, 0, 1, 8, 0, counter)).toISOString(),
    author: 'Claire Delmas',
    categories: ['Ecommerce'],
    tags: [],
    ...overrides,
  };
}

/** `options` are the application's (minus its clock, which the site owns). */
export async function startTestSite(engine: Engine, env: NodeJS.ProcessEnv = {}, options: Omit<AppOptions, 'now'> = {}): Promise<TestSite> {
  const { config, cleanup } = await createTestConfig(engine, env);
  const kiosque = await openKiosque(config);
  const clock = { now: '2026-01-01T00:00:00.000Z' };
  const app = await buildApp(kiosque, { ...options, now: () => clock.now });
  await app.ready();
  return {
    engine,
    kiosque,
    app,
    clock,
    makePost: (overrides, existingId) => savePost(kiosque, postInput(overrides), existingId),
    get: (url, headers = {}) => app.inject({ method: 'GET', url, headers }),
    async dispose() {
      await app.close();
      await kiosque.close();
      await cleanup();
    },
  };
}
