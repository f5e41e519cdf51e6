import { KiosqueError, type ErrorCode } from '../../errors.ts';
import { translate, type MessageKey, type MessageParams } from '../../i18n/i18n.ts';

/** Why a WXR file could not be read, each with its sentence in the message catalogs. */
export type WxrSyntaxReason = 'truncated' | 'mismatched' | 'entity' | 'ampersand' | 'character' | 'tooLarge' | 'empty' | 'other';

/** What a well-formed XML file lacks to be a WordPress export. */
export type WxrMissingPart = 'rss' | 'namespace' | 'channel';

const REASONS: Record<WxrSyntaxReason, MessageKey> = {
  truncated: 'wxr.reason.truncated',
  mismatched: 'wxr.reason.mismatched',
  entity: 'wxr.reason.entity',
  ampersand: 'wxr.reason.ampersand',
  character: 'wxr.reason.character',
  tooLarge: 'wxr.reason.tooLarge',
  empty: 'wxr.reason.empty',
  other: 'wxr.reason.other',
};

const MISSING: Record<WxrMissingPart, MessageKey> = {
  rss: 'wxr.missing.rss',
  namespace: 'wxr.missing.namespace',
  channel: 'wxr.missing.channel',
};

/**
 * A WXR file that is not well-formed XML (damaged, truncated, cut by hand), with where it breaks
 * (line from 1, column from 1) and why, in a sentence.
 */
export class WxrSyntaxError extends KiosqueError {
  readonly line: number;
  readonly column: number;
  readonly reasonCode: WxrSyntaxReason;
  /** The reason in plain English; publicMessage gives the whole sentence in the reader's language. */
  readonly reason: string;

  constructor(
    position: { line: number; column: number },
    reasonCode: WxrSyntaxReason,
    reasonParams: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super('wxr_malformed', { line: position.line, column: position.column, reason: { key: REASONS[reasonCode], params: reasonParams } }, options);
    this.name = 'WxrSyntaxError';
    this.line = position.line;
    this.column = position.column;
    this.reasonCode = reasonCode;
    this.reason = translate('en', REASONS[reasonCode], reasonParams);
  }
}

/** Well-formed XML that is not a WordPress export (an RSS feed, a sitemap, another tool's export). */
export class WxrNotWordpressError extends KiosqueError {
  readonly missing: WxrMissingPart;

  constructor(path: string, missing: WxrMissingPart) {
    super('wxr_not_wordpress', { path, missing: { key: MISSING[missing] } });
    this.name = 'WxrNotWordpressError';
    this.missing = missing;
  }
}

/** A file refused before a byte of content is read: missing, unreadable, or declaring a DOCTYPE. */
export function wxrRefused(
  code: Extract<ErrorCode, 'wxr_unreadable' | 'wxr_doctype'>,
  params: MessageParams,
  cause?: unknown,
): KiosqueError {
  return new KiosqueError(code, params, { cause });
}
