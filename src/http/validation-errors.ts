import type { FastifySchemaValidationError } from 'fastify';
import { KiosqueError } from '../errors.ts';
import { isMessageKey, type MessageKey, type Phrase } from '../i18n/i18n.ts';

/**
 * A request the schemas refused, as one sentence a person can act on: the field named in words
 * from the catalogs ("Le titre", "L’adresse du site") and its rule ("ne doit pas dépasser
 * 300 caractères"), rather than the validator's developer text. The error keeps its code,
 * `invalid_request`, and names the field at fault as a path (`footerLinks.0.path`) for programs.
 */
export function refusedRequest(errors: readonly FastifySchemaValidationError[], context: string | undefined, cause: unknown): KiosqueError {
  const first = errors[0]!;
  const extra = first.params as { additionalProperty?: string; missingProperty?: string };
  const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const named = extra.additionalProperty ?? extra.missingProperty;
  // Clients rely on this path: it must stay as it always was.
  const field = [path, named].filter(Boolean).join('.') || (context ?? 'body');
  const { sentence, params } = ruleOf(first, errors.filter((error) => error.instancePath === first.instancePath));
  return new KiosqueError('invalid_request', { ...params, field, name: fieldName(field) }, { cause, sentence });
}

/**
 * `field.title`, `field.footerLinks.path` (the links of a list share their name), `field.tags.item`
 * for one item of a list; else the last part's name (`image.alt` is an `alt`), else a generic one.
 */
function fieldName(field: string): Phrase {
  const parts = field.split('.').filter((part) => !/^\d+$/.test(part));
  const item = /\.\d+$/.test(field) ? [`field.${parts.join('.')}.item`] : [];
  for (const key of [...item, `field.${parts.join('.')}`, `field.${parts.at(-1)}`]) {
    if (isMessageKey(key)) return { key };
  }
  return { key: 'field.unknown' };
}

/** The patterns of the schemas, in words; any other is "n'a pas la forme attendue". */
const PATTERN_RULES: Record<string, MessageKey> = {
  '^(https?://[^/?#\\s]+(/[^?#\\s]*[^/?#\\s])?)?$': 'validation.pattern.siteAddress',
  '^/': 'validation.pattern.localPath',
  '^(/|https?://)': 'validation.pattern.localOrWebAddress',
};

const FORMAT_RULES: Record<string, MessageKey> = {
  'date-time': 'validation.format.dateTime',
  email: 'validation.format.email',
  uri: 'validation.format.webAddress',
};

const TYPE_NAMES: Record<string, MessageKey> = {
  string: 'validation.type.string',
  integer: 'validation.type.integer',
  number: 'validation.type.number',
  boolean: 'validation.type.boolean',
  array: 'validation.type.array',
  object: 'validation.type.object',
  null: 'validation.type.null',
};

interface Rule {
  sentence: MessageKey;
  params: Record<string, string | number | Phrase>;
}

/** The rule the value broke; `sameField` are all the validator's reasons about that value (a union's branches). */
function ruleOf(error: FastifySchemaValidationError, sameField: readonly FastifySchemaValidationError[]): Rule {
  const params = error.params as Record<string, unknown>;
  const limit = typeof params.limit === 'number' ? params.limit : 0;
  // A union of fixed values ("draft" | "scheduled" | "published") fails once per value, then as a whole.
  const allowed = sameField.flatMap((reason) => (reason.keyword === 'const' ? [String((reason.params as { allowedValue?: unknown }).allowedValue)] : []));
  switch (error.keyword) {
    case 'required':
      return { sentence: 'validation.required', params: {} };
    case 'additionalProperties':
      return { sentence: 'validation.unknownField', params: { property: String(params.additionalProperty ?? '') } };
    case 'minLength':
      return limit <= 1 ? { sentence: 'validation.empty', params: {} } : { sentence: 'validation.minLength', params: { limit } };
    case 'maxLength':
      return { sentence: 'validation.maxLength', params: { limit } };
    case 'minimum':
      return { sentence: 'validation.minimum', params: { limit } };
    case 'maximum':
      return { sentence: 'validation.maximum', params: { limit } };
    case 'minItems':
      return { sentence: 'validation.minItems', params: { limit } };
    case 'maxItems':
      return { sentence: 'validation.maxItems', params: { limit } };
    case 'pattern':
      return { sentence: PATTERN_RULES[String(params.pattern)] ?? 'validation.pattern', params: {} };
    case 'format':
      return { sentence: FORMAT_RULES[String(params.format)] ?? 'validation.format', params: {} };
    case 'enum':
      return { sentence: 'validation.oneOf', params: { values: (params.allowedValues as unknown[]).map(String).join(', ') } };
    case 'const':
      return { sentence: 'validation.oneOf', params: { values: allowed.join(', ') } };
    case 'type': {
      const expected = String(params.type).split(',')[0]!;
      return { sentence: 'validation.type', params: { type: { key: TYPE_NAMES[expected] ?? 'validation.type.other' } } };
    }
    default:
      return { sentence: 'validation.invalid', params: {} };
  }
}
