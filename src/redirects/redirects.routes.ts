import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, strictObject } from '../admin/admin.schemas.ts';
import { originOf } from '../admin/posts.routes.ts';
import { authorize } from '../auth/auth.hooks.ts';
import { KiosqueError } from '../errors.ts';
import { translator } from '../i18n/i18n.ts';
import { interpretCsv, rulesToCsv } from './redirects.csv.ts';
import { allRuleRows } from './redirects.queries.ts';
import { changeRule, createRule, deleteRule, importRules, ImportRejected, listRules, readRule, type RedirectsContext } from './redirects.service.ts';

const From = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: 'An address on this site, e.g. /ancien-article/; with `*` a pattern: /old/* matches every address under /old/',
});
const To = Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Null()], {
  description: 'An address on this site or an absolute http(s) URL; $1…$9 stand for what the stars of a pattern matched. Null for 410.',
});
const Status = Type.Union([Type.Literal(301), Type.Literal(302), Type.Literal(410)], { description: '301 moved for good, 302 for now, 410 gone (no target)' });
const Note = Type.String({ maxLength: 1000 });
const Origin = Type.Union([Type.Literal('manual'), Type.Literal('automatic'), Type.Literal('import')]);
const Kind = Type.Union([Type.Literal('exact'), Type.Literal('pattern')]);

const RuleBody = strictObject({ from: From, to: Type.Optional(To), status: Status, note: Type.Optional(Note) });
const RuleChangesBody = strictObject({ from: Type.Optional(From), to: Type.Optional(To), status: Type.Optional(Status), note: Type.Optional(Note) });
const Rule = strictObject({
  id: Type.Integer(),
  from: Type.String(),
  to: Type.Union([Type.String(), Type.Null()]),
  status: Type.Integer(),
  kind: Kind,
  origin: Origin,
  note: Type.String(),
  hits: Type.Integer({ description: 'Requests redirected; counted in memory and written every minute' }),
  lastHitAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const ListQuery = strictObject({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the from or to address, or of the note' })),
  origin: Type.Optional(Origin),
  kind: Type.Optional(Kind),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
const ImportQuery = strictObject({ dryRun: Type.Optional(Type.Boolean({ description: 'Check and count, write nothing' })) });
const ImportReport = strictObject({
  dryRun: Type.Boolean(),
  created: Type.Integer(),
  updated: Type.Integer(),
  skipped: Type.Integer({ description: 'Rules the Redirection plugin had disabled' }),
  rewritten: Type.Integer({ description: 'Other rules pointed at a new target so that no chain remains' }),
});
const ImportRefusal = strictObject(
  {
    code: Type.Literal('redirects_import_invalid'),
    message: Type.String(),
    field: Type.String(),
    errors: Type.Array(strictObject({ line: Type.Integer(), field: Type.String(), message: Type.String({ description: '“line N: …”, in the site’s language' }) })),
  },
  { description: 'The file was refused whole: every bad line, and nothing was written' },
);

const DEFAULT_LIMIT = 50;
/** A CSV of 100,000 rules is a few megabytes. */
const IMPORT_BYTES = 10 * 1024 * 1024;

/** The redirect manager's Admin API: rules, their CSV import and export. Administrators and editors. */
export async function redirectRoutes(app: FastifyInstance, { ctx }: { ctx: RedirectsContext }): Promise<void> {
  const tags = ['redirects'];
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BYTES }, (_request, body, done) => done(null, body));

  app.get<{ Querystring: Static<typeof ListQuery> }>('/redirects', {
    schema: { tags, summary: 'List redirect rules, last changed first', querystring: ListQuery, response: { 200: strictObject({ rules: Type.Array(Rule), total: Type.Integer() }) } },
    handler: async (request) => {
      authorize(request, 'redirect.manage');
      const { q, origin, kind, page = 1, limit = DEFAULT_LIMIT } = request.query;
      return listRules(ctx, { q, origin, kind, page, limit });
    },
  });

  app.post<{ Body: Static<typeof RuleBody> }>('/redirects', {
    schema: { tags, summary: 'Create a rule; a target that redirects further is stored as the final one', body: RuleBody, response: { 201: Rule } },
    handler: async (request, reply) => {
      authorize(request, 'redirect.manage');
      return reply.code(201).send(await createRule(ctx, originOf(request), request.body));
    },
  });

  app.get<{ Params: Static<typeof IdParams> }>('/redirects/:id', {
    schema: { tags, summary: 'Read a rule', params: IdParams, response: { 200: Rule } },
    handler: async (request) => {
      authorize(request, 'redirect.manage');
      const rule = await readRule(ctx, request.params.id);
      if (!rule) throw new KiosqueError('not_found', { what: `redirect ${request.params.id}` });
      return rule;
    },
  });

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof RuleChangesBody> }>('/redirects/:id', {
    schema: { tags, summary: 'Change a rule', params: IdParams, body: RuleChangesBody, response: { 200: Rule } },
    handler: async (request) => {
      authorize(request, 'redirect.manage');
      const rule = await changeRule(ctx, originOf(request), request.params.id, request.body);
      if (!rule) throw new KiosqueError('not_found', { what: `redirect ${request.params.id}` });
      return rule;
    },
  });

  app.delete<{ Params: Static<typeof IdParams> }>('/redirects/:id', {
    schema: { tags, summary: 'Delete a rule: the address answers what lives there, or 404', params: IdParams, response: { 204: { description: 'Deleted' } } },
    handler: async (request, reply) => {
      authorize(request, 'redirect.manage');
      if (!(await deleteRule(ctx, originOf(request), request.params.id))) throw new KiosqueError('not_found', { what: `redirect ${request.params.id}` });
      return reply.code(204).send();
    },
  });

  app.post<{ Querystring: Static<typeof ImportQuery>; Body: string }>('/redirects/import', {
    bodyLimit: IMPORT_BYTES,
    schema: {
      tags,
      summary: 'Import rules from a CSV file (text/csv body): all lines or none',
      description:
        'Columns from,to,status[,note], header optional; the export of WordPress’s Redirection plugin is read too. An address that already has a rule gets the file’s.',
      consumes: ['text/csv'],
      querystring: ImportQuery,
      body: Type.String({ maxLength: IMPORT_BYTES }),
      response: { 200: ImportReport, 400: ImportRefusal },
    } as object,
    handler: async (request, reply) => {
      authorize(request, 'redirect.manage');
      const t = translator(ctx.settings.current.locale);
      const parsed = interpretCsv(request.body, t);
      const dryRun = request.query.dryRun ?? false;
      try {
        // Lines that are not even rules are reported with the others: the rest is still checked, without writing.
        const report = await importRules(ctx, originOf(request), parsed.lines, { dryRun: dryRun || parsed.problems.length > 0, skipped: parsed.skipped });
        if (parsed.problems.length > 0) throw new ImportRejected([]);
        return report;
      } catch (error) {
        if (!(error instanceof ImportRejected)) throw error;
        const errors = [...parsed.problems, ...error.problems].sort((a, b) => a.line - b.line);
        const refusal = new KiosqueError('redirects_import_invalid', { count: errors.length });
        return reply.code(400).send({ code: refusal.code, message: refusal.publicMessage(ctx.settings.current.locale), field: 'body', errors });
      }
    },
  });

  app.get('/redirects/export', {
    schema: { tags, summary: 'Every rule as CSV (from,to,status,note,kind,origin,hits), as the import reads it', response: { 200: { description: 'The rules', content: { 'text/csv': { schema: Type.String() } } } } },
    handler: async (request, reply) => {
      authorize(request, 'redirect.manage');
      await ctx.resolver.flushHits();
      const csv = rulesToCsv(await allRuleRows(ctx.db.kysely));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="redirections.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  });
}
