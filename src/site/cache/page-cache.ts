import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/**
 * A finished response, compressed once when it is made: a cache hit only picks the encoding the
 * reader accepts and writes bytes.
 */
export interface PreparedResponse {
  status: number;
  contentType: string;
  cacheControl: string;
  etag: string;
  identity: Buffer;
  gzip: Buffer | undefined;
  brotli: Buffer | undefined;
  /** Memory the entry holds, for the cache's budget. */
  bytes: number;
}

/** Bodies smaller than this gain nothing from compression. */
const COMPRESS_MIN_BYTES = 512;

export function prepareResponse(body: string | Buffer, options: { status?: number; contentType: string; cacheControl: string }): PreparedResponse {
  const identity = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const compress = identity.length >= COMPRESS_MIN_BYTES;
  const gzip = compress ? gzipSync(identity, { level: 9 }) : undefined;
  const brotli = compress
    ? brotliCompressSync(identity, {
        params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length },
      })
    : undefined;
  // A weak validator: the same page is served in three encodings under one ETag.
  const etag = `W/"${createHash('sha1').update(identity).digest('base64url').slice(0, 22)}"`;
  return {
    status: options.status ?? 200,
    contentType: options.contentType,
    cacheControl: options.cacheControl,
    etag,
    identity,
    gzip,
    brotli,
    bytes: identity.length + (gzip?.length ?? 0) + (brotli?.length ?? 0) + 256,
  };
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts among those the response has. */
export function chooseEncoding(acceptEncoding: string | undefined, response: PreparedResponse): Encoding {
  if (!acceptEncoding || !response.gzip) return 'identity';
  const accepted = parseAcceptEncoding(acceptEncoding);
  if (response.brotli && accepted.has('br')) return 'br';
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

export function bodyFor(response: PreparedResponse, encoding: Encoding): Buffer {
  if (encoding === 'br') return response.brotli!;
  if (encoding === 'gzip') return response.gzip!;
  return response.identity;
}

/** Whether an If-None-Match header names this response (weak comparison, as for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/** Full pages in memory, least recently used first out, bounded by bytes rather than entries. */
export class PageCache {
  private readonly entries = new Map<string, PreparedResponse>();
  private usedBytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.usedBytes;
  }

  get(key: string): PreparedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Re-inserting moves the key to the end of the Map's order: the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, response: PreparedResponse): void {
    if (response.bytes > this.maxBytes / 4) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.usedBytes -= previous.bytes;
    }
    this.entries.set(key, response);
    this.usedBytes += response.bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.usedBytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.usedBytes -= entry.bytes;
    }
  }

  clear(): void {
    this.entries.clear();
    this.usedBytes = 0;
  }
}
