import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/**
 * A finished response. Each compressed copy is made the first time a reader asks for it and kept:
 * a cached page is compressed once per encoding, and a page that is never cached (a 404) is
 * compressed only for the encoding its reader accepts.
 */
export class PreparedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly etag: string;
  /** When the content last changed, as an HTTP date (feeds); pages have none. */
  readonly lastModified: string | undefined;
  readonly identity: Buffer;
  /**
   * Memory the entry may hold, for the cache's budget, counted up front: HTML compresses to well
   * under a third of its size in either encoding.
   */
  readonly bytes: number;
  private readonly effort: Effort;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly encoded = new Map<'br' | 'gzip', Buffer>();
  private readonly headerLines = new Map<Encoding | 'not-modified', string[]>();

  constructor(body: string | Buffer, options: ResponseOptions) {
    this.identity = typeof body === 'string' ? utf8(body) : body;
    this.status = options.status ?? 200;
    this.contentType = options.contentType;
    this.cacheControl = options.cacheControl;
    this.effort = options.effort ?? 'fast';
    this.headers = options.headers ?? {};
    // A weak validator: the same content is served in three encodings under one ETag.
    this.etag = `W/"${createHash('sha1').update(this.identity).digest('base64url').slice(0, 22)}"`;
    this.lastModified = options.lastModified ? new Date(options.lastModified).toUTCString() : undefined;
    this.bytes = Math.ceil(this.identity.length * 1.7) + 256;
  }

  /** Bodies smaller than this gain nothing from compression. */
  get compressible(): boolean {
    return this.identity.length >= 512;
  }

  /**
   * The response headers as Node's writeHead takes them fastest, a flat list of names and values,
   * made once per encoding (and once for 304 Not Modified).
   */
  headersFor(encoding: Encoding | 'not-modified'): string[] {
    let lines = this.headerLines.get(encoding);
    if (!lines) {
      lines = [...fixedLines(this.headers, this.cacheControl), 'etag', this.etag, 'vary', 'accept-encoding'];
      if (this.lastModified) lines.push('last-modified', this.lastModified);
      if (encoding !== 'not-modified') {
        lines.push('content-type', this.contentType);
        if (encoding !== 'identity') lines.push('content-encoding', encoding);
        lines.push('content-length', String(this.body(encoding).length));
      }
      this.headerLines.set(encoding, lines);
    }
    return lines;
  }

  body(encoding: Encoding): Buffer {
    if (encoding === 'identity') return this.identity;
    let body = this.encoded.get(encoding);
    if (!body) {
      body = encoding === 'br' ? brotli(this.identity, this.effort) : gzipSync(this.identity, { level: this.effort === 'best' ? 9 : 6 });
      this.encoded.set(encoding, body);
    }
    return body;
  }
}

/** The names headersFor sets itself: a response's own headers may not hold them. */
const OWN_HEADERS = new Set(['cache-control', 'etag', 'vary', 'last-modified', 'content-type', 'content-encoding', 'content-length']);

/**
 * The header lines every response with these headers and this Cache-Control starts with, made once:
 * pages share one set of security headers and a few Cache-Control values, and an uncached page
 * would otherwise list them again for each reader.
 */
const fixedLinesMade = new WeakMap<Readonly<Record<string, string>>, Map<string, readonly string[]>>();

function fixedLines(headers: Readonly<Record<string, string>>, cacheControl: string): readonly string[] {
  let byCacheControl = fixedLinesMade.get(headers);
  if (!byCacheControl) {
    const own = Object.keys(headers).filter((name) => OWN_HEADERS.has(name.toLowerCase()));
    if (own.length > 0) throw new Error(`a prepared response sets ${own.join(', ')} itself`);
    byCacheControl = new Map();
    fixedLinesMade.set(headers, byCacheControl);
  }
  let lines = byCacheControl.get(cacheControl);
  if (!lines) {
    lines = [...Object.entries(headers).flat(), 'cache-control', cacheControl];
    byCacheControl.set(cacheControl, lines);
  }
  return lines;
}

/** Pages up to this size are encoded through one kept buffer; larger ones (rare) on their own. */
const SCRATCH_LIMIT = 1 << 20;
let scratch = new Uint8Array(64 * 1024);
const ENCODER = new TextEncoder();

/**
 * A page's HTML as UTF-8. Buffer.from measures the string, then encodes it: two passes over the
 * French text (two-byte strings, once typography adds its narrow no-break spaces). Encoding into a
 * buffer kept between pages, then copying the bytes out, is one pass and a copy, about half the
 * time on an article.
 */
function utf8(text: string): Buffer {
  // UTF-8 takes at most 3 bytes for each UTF-16 code unit.
  const most = text.length * 3;
  if (most > SCRATCH_LIMIT) return Buffer.from(text, 'utf8');
  if (scratch.length < most) scratch = new Uint8Array(2 ** Math.ceil(Math.log2(most)));
  const { written } = ENCODER.encodeInto(text, scratch);
  const bytes = Buffer.allocUnsafeSlow(written);
  bytes.set(scratch.subarray(0, written));
  return bytes;
}


/**
 * 'fast' for pages, made on a reader's request: brotli quality 5 is within 2 % of quality 9 on
 * article HTML at a fifteenth of the time. 'best' for the site's own assets, compressed once.
 */
export type Effort = 'fast' | 'best';

export interface ResponseOptions {
  status?: number;
  contentType: string;
  cacheControl: string;
  effort?: Effort;
  /** Headers sent with every copy, such as the security policy. */
  headers?: Readonly<Record<string, string>>;
  /** When the content last changed (ISO 8601), for Last-Modified and If-Modified-Since. */
  lastModified?: string | undefined;
}

function brotli(input: Buffer, effort: Effort): Buffer {
  return brotliCompressSync(input, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: effort === 'best' ? 11 : 5,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
}

export function prepareResponse(body: string | Buffer, options: ResponseOptions): PreparedResponse {
  return new PreparedResponse(body, options);
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts among those the response has. */
export function chooseEncoding(acceptEncoding: string | undefined, response: PreparedResponse): Encoding {
  if (!acceptEncoding || !response.compressible) return 'identity';
  const accepted = parseAcceptEncoding(acceptEncoding);
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}

function parseAcceptEncoding(header: string): Set<string> {
  const accepted = new Set<string>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

/** Whether an If-None-Match header names this response (weak comparison, as for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/**
 * Whether If-Modified-Since lets a response with this Last-Modified answer 304 (whole seconds,
 * as HTTP dates have). Only asked when the request has no If-None-Match, which wins (RFC 9110).
 */
export function notModifiedSince(ifModifiedSince: string | undefined, lastModified: string | undefined): boolean {
  if (!ifModifiedSince || !lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(lastModified) <= since;
}

/** A cached page, linked into the cache's order of use. */
interface Slot {
  readonly key: string;
  response: PreparedResponse;
  older: Slot | undefined;
  newer: Slot | undefined;
}

/**
 * Full pages in memory, least recently used first out, bounded by bytes rather than entries.
 *
 * The order of use is a list threaded through the entries, so a hit moves its page by relinking
 * it, allocating nothing. Re-inserting the key into the Map instead (delete, then set) made V8
 * rebuild the Map's table every hit or two, and a long-lived Map's new tables are allocated in the
 * old generation: at 20,000 hits a second that was 1.3 MB/s of garbage that only a full
 * collection frees, and the server's resident memory grew by some 40 MB between them under load.
 */
export class PageCache {
  private readonly slots = new Map<string, Slot>();
  /** The next page out. */
  private oldest: Slot | undefined;
  private newest: Slot | undefined;
  private usedBytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get size(): number {
    return this.slots.size;
  }

  get bytes(): number {
    return this.usedBytes;
  }

  get(key: string): PreparedResponse | undefined {
    const slot = this.slots.get(key);
    if (!slot) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (slot !== this.newest) {
      this.unlink(slot);
      this.append(slot);
    }
    return slot.response;
  }

  set(key: string, response: PreparedResponse): void {
    if (response.bytes > this.maxBytes / 4) return;
    let slot = this.slots.get(key);
    if (slot) {
      this.usedBytes -= slot.response.bytes;
      slot.response = response;
      this.unlink(slot);
    } else {
      slot = { key, response, older: undefined, newer: undefined };
      this.slots.set(key, slot);
    }
    this.append(slot);
    this.usedBytes += response.bytes;
    while (this.usedBytes > this.maxBytes && this.oldest) {
      const out = this.oldest;
      this.unlink(out);
      this.slots.delete(out.key);
      this.usedBytes -= out.response.bytes;
    }
  }

  clear(): void {
    this.slots.clear();
    this.oldest = undefined;
    this.newest = undefined;
    this.usedBytes = 0;
  }

  private unlink(slot: Slot): void {
    if (slot.older) slot.older.newer = slot.newer;
    else this.oldest = slot.newer;
    if (slot.newer) slot.newer.older = slot.older;
    else this.newest = slot.older;
    slot.older = undefined;
    slot.newer = undefined;
  }

  private append(slot: Slot): void {
    slot.older = this.newest;
    if (this.newest) this.newest.newer = slot;
    else this.oldest = slot;
    this.newest = slot;
  }
}
