/**
 * The words a route's schema carries for the OpenAPI document (`/api/openapi.json`), beside the
 * validation schemas Fastify already knows. Imported for its types by every API route file.
 */
declare module 'fastify' {
  interface FastifySchema {
    /** The group the operation belongs to, e.g. ['posts']. */
    tags?: readonly string[];
    summary?: string;
    description?: string;
  }
}

export {};
