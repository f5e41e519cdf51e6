import fs from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { systemErrorReason } from '../../lib/system-errors.ts';
import { findBareAmpersand } from './wxr.ampersand.ts';
import { WxrNotWordpressError, WxrSyntaxError, wxrRefused, type WxrSyntaxReason } from './wxr.errors.ts';
import { decodeTermName, readAuthorField, readCommentField, readItemField, readSiteField, readTermField } from './wxr.fields.ts';
import type { WxrAuthor, WxrComment, WxrEntry, WxrItem, WxrSite, WxrTerm } from './wxr.model.ts';

/**
 * Reads a WordPress eXtended RSS export (WXR 1.0 to 1.2, as WordPress 4.x to 6.x write it) one
 * entry at a time: the site, then authors, terms and items in file order. The file is read in
 * chunks and the next chunk is read only once the entries of the previous one were taken, so a
 * 500 MB export costs the memory of one item, not of the file.
 *
 * Strict XML (saxes): a damaged or truncated file throws a WxrSyntaxError with its line and
 * column. A DOCTYPE is refused outright: WordPress never writes one, and entity declarations are
 * how XML files read local files (XXE) or blow up memory (billion laughs). Nothing is fetched.
 * The one leniency is WordPress's own: control characters XML forbids, which text pasted from a
 * word processor leaves in posts, are read as spaces and counted in a last `controlCharacters` entry.
 */
export async function* readWxr(
  source: string,
  options: { onProgress?(bytesRead: number, totalBytes: number): void } = {},
): AsyncGenerator<WxrEntry> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(source);
  } catch (error) {
    throw wxrRefused('wxr_unreadable', { path: source, detail: systemErrorReason(error) }, error);
  }
  if (!stat.isFile()) {
    throw wxrRefused('wxr_unreadable', { path: source, detail: { key: stat.isDirectory() ? 'systemError.isFolder' : 'systemError.notRegular' } });
  }
  const totalBytes = stat.size;

  const reader = new WxrEventReader(source);
  const stream = fs.createReadStream(source, { highWaterMark: CHUNK_BYTES });
  let decoder: TextDecoder | undefined;
  let bytesRead = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      decoder ??= decoderFor(chunk);
      bytesRead += chunk.length;
      reader.write(decoder.decode(chunk, { stream: true }));
      if (!reader.rootSeen && bytesRead > MAX_PROLOGUE_BYTES) throw new WxrNotWordpressError(source, 'rss');
      options.onProgress?.(bytesRead, totalBytes);
      yield* reader.take();
    }
    if (decoder) reader.write(decoder.decode());
    reader.close();
    yield* reader.take();
    if (reader.controlCharacters.count > 0) yield { kind: 'controlCharacters', ...reader.controlCharacters };
  } catch (error) {
    if (error instanceof WxrSyntaxError && decoder && AMPERSAND_SUSPECTS.has(error.reasonCode)) {
      const ampersand = await findBareAmpersand(source, decoder.encoding, error.line);
      if (ampersand) throw new WxrSyntaxError(ampersand, 'ampersand', { tag: reader.innermost ?? 'rss' }, { cause: error });
    }
    // A file that vanished or became unreadable mid-way: Node's system errors carry a syscall.
    if (error instanceof Error && 'syscall' in error) {
      throw wxrRefused('wxr_unreadable', { path: source, detail: systemErrorReason(error) }, error);
    }
    throw error;
  } finally {
    stream.destroy();
  }
}

const CHUNK_BYTES = 64 * 1024;
/**
 * How the parser reports a bare "&": at the next ";" (not an entity name) or, with none, at the
 * end of the file (truncated).
 */
const AMPERSAND_SUSPECTS = new Set<WxrSyntaxReason>(['entity', 'truncated', 'other']);
/** WordPress's prologue (XML declaration and comments) is under 2 KB: 1 MB without <rss> is not WXR. */
const MAX_PROLOGUE_BYTES = 1024 * 1024;
/** One field's text; a WordPress post's content is LONGTEXT but never near this in practice. */
const MAX_FIELD_CHARS = 64 * 1024 * 1024;
const WXR_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/(1\.\d+)\/?$/;
/**
 * Characters XML 1.0 forbids that WordPress stores and exports as they came (a vertical tab or a
 * backspace pasted from Word, a NUL): tab, line feed and carriage return are the only C0 controls
 * XML allows. The search for one in a chunk is a single pass that almost always finds nothing.
 */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const LINE_BREAK = /\r\n?|\n/g;
/** The postmeta WordPress keeps each former slug of a post in, once per slug. */
const OLD_SLUG = '_wp_old_slug';

/** Honours the XML declaration's encoding (very old blogs export ISO-8859-1); UTF-8 otherwise. */
function decoderFor(firstChunk: Buffer): TextDecoder {
  const declaration = /^(?:\xEF\xBB\xBF)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(firstChunk.subarray(0, 200).toString('latin1'));
  const label = declaration?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}

type Context = 'channel' | 'author' | 'term' | 'termmeta' | 'item' | 'postmeta' | 'comment' | 'commentmeta' | 'other';

interface OpenElement {
  name: string;
  line: number;
}

/** Turns saxes events into WXR entries, queued until the generator hands them out. */
class WxrEventReader {
  rootSeen = false;
  /** Forbidden characters read as spaces, and the line of the first. */
  readonly controlCharacters = { count: 0, line: 0 };
  /** Whether the text written last ended with a carriage return, which saxes holds back. */
  private endedWithReturn = false;
  private readonly parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  private readonly queue: WxrEntry[] = [];
  private readonly open: OpenElement[] = [];
  private lastClosed: OpenElement | undefined;
  private readonly contexts: Context[] = [];
  private text = '';
  private wxrVersion = '';
  private channelSeen = false;
  private site: WxrSite | undefined;
  private siteSent = false;
  private author: WxrAuthor | undefined;
  private term: (WxrTerm & { meta: Record<string, string> }) | undefined;
  private item: WxrItem | undefined;
  private comment: (WxrComment & { meta: Record<string, string> }) | undefined;
  private metaKey = '';
  private metaValue = '';
  private category: { taxonomy: string; slug: string } | undefined;

  constructor(private readonly path: string) {
    this.parser.on('doctype', () => {
      throw wxrRefused('wxr_doctype', { line: this.parser.line });
    });
    this.parser.on('error', (error) => {
      // Text, HTML or binary before any root element: not an export at all, rather than a damaged one.
      if (!this.rootSeen) throw new WxrNotWordpressError(this.path, 'rss');
      throw this.syntaxError(error);
    });
    this.parser.on('opentag', (tag) => this.onOpen(tag));
    this.parser.on('closetag', (tag) => this.onClose(tag.name));
    this.parser.on('text', (text) => this.append(text));
    this.parser.on('cdata', (text) => this.append(text));
  }

  write(text: string): void {
    const clean = FORBIDDEN_CHARACTER.test(text) ? this.withoutForbidden(text) : text;
    if (text !== '') this.endedWithReturn = text.charCodeAt(text.length - 1) === 13;
    this.parser.write(clean);
  }

  /**
   * `text` with each forbidden character replaced by a space: one character for one, so the line
   * and column of a later error stay those of the file.
   */
  private withoutForbidden(text: string): string {
    const found = this.controlCharacters;
    if (found.count === 0) {
      const first = text.search(FORBIDDEN_CHARACTER);
      // saxes has counted the lines of what it was given, but not a carriage return it holds back.
      const before = (this.endedWithReturn ? '\r' : '') + text.slice(0, first);
      found.line = this.parser.line + (before.match(LINE_BREAK)?.length ?? 0);
    }
    return text.replace(FORBIDDEN_CHARACTERS, () => {
      found.count++;
      return ' ';
    });
  }

  /**
   * The element read when the parser stopped. After a bare "&" it is the one holding it: the
   * parser took all that followed for the entity's name.
   */
  get innermost(): string | undefined {
    return this.open.at(-1)?.name;
  }

  close(): void {
    if (!this.rootSeen) throw new WxrSyntaxError(this.position(), 'empty');
    this.parser.close();
  }

  /** Hands out the entries read so far, emptying the queue as it goes. */
  *take(): Generator<WxrEntry> {
    while (this.queue.length > 0) yield this.queue.shift()!;
  }

  private append(text: string): void {
    if (this.text.length + text.length > MAX_FIELD_CHARS) {
      const tag = this.open.at(-1)?.name ?? '?';
      throw new WxrSyntaxError(this.position(), 'tooLarge', { tag, max: MAX_FIELD_CHARS / 1024 / 1024 });
    }
    this.text += text;
  }

  /** saxes's column counts the characters read on the line: the one it stopped at, counted from 1. */
  private position(): { line: number; column: number } {
    return { line: this.parser.line, column: Math.max(1, this.parser.column) };
  }

  private syntaxError(error: Error): WxrSyntaxError {
    const message = error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    const innermost = this.open.at(-1);
    let reason: WxrSyntaxReason = 'other';
    const params: Record<string, string | number> = { detail: message.replace(/\.$/, '') };
    if (/^unclosed tag|^unexpected end/.test(message) && innermost) {
      reason = 'truncated';
      Object.assign(params, { tag: innermost.name, opened: innermost.line });
    } else if (/^unexpected close tag/.test(message) && this.lastClosed) {
      reason = 'mismatched';
      Object.assign(params, { tag: this.lastClosed.name, opened: this.lastClosed.line });
    } else if (/entity/.test(message)) {
      reason = 'entity';
    } else if (/disallowed character/.test(message)) {
      reason = 'character';
    }
    return new WxrSyntaxError(this.position(), reason, params, { cause: error });
  }

  private onOpen(tag: SaxesTagPlain): void {
    const name = tag.name;
    const line = this.parser.line;
    this.text = '';
    const parent = this.contexts.at(-1);
    this.open.push({ name, line });
    if (!this.rootSeen) {
      this.rootSeen = true;
      this.openRoot(tag);
      this.contexts.push('other');
      return;
    }
    this.contexts.push(this.contextOf(name, parent, tag, line));
  }

  private openRoot(tag: SaxesTagPlain): void {
    if (tag.name !== 'rss') throw new WxrNotWordpressError(this.path, 'rss');
    const namespace = Object.entries(tag.attributes).find(([attribute, value]) => attribute.startsWith('xmlns') && WXR_NAMESPACE.test(value));
    if (!namespace) throw new WxrNotWordpressError(this.path, 'namespace');
    this.wxrVersion = WXR_NAMESPACE.exec(namespace[1])![1]!;
  }

  private contextOf(name: string, parent: Context | undefined, tag: SaxesTagPlain, line: number): Context {
    const depth = this.open.length;
    if (depth === 2 && name === 'channel') {
      this.channelSeen = true;
      this.site = { title: '', link: '', description: '', language: '', baseSiteUrl: '', baseBlogUrl: '', wxrVersion: this.wxrVersion };
      return 'channel';
    }
    switch (parent) {
      case 'channel':
        return this.openInChannel(name, line);
      case 'term':
        if (name === 'wp:termmeta') return this.openMeta('termmeta');
        return 'other';
      case 'item':
        if (name === 'wp:postmeta') return this.openMeta('postmeta');
        if (name === 'wp:comment') {
          this.comment = emptyComment();
          return 'comment';
        }
        if (name === 'category') {
          const domain = attribute(tag, 'domain');
          const slug = attribute(tag, 'nicename');
          // WXR 1.0 repeats each category without domain nor nicename: the attributed copy is enough.
          this.category = domain && slug !== undefined ? { taxonomy: domain === 'tag' ? 'post_tag' : domain, slug } : undefined;
        }
        return 'other';
      case 'comment':
        if (name === 'wp:commentmeta') return this.openMeta('commentmeta');
        return 'other';
      default:
        return 'other';
    }
  }

  private openInChannel(name: string, line: number): Context {
    switch (name) {
      case 'wp:author':
        this.sendSite();
        this.author = { id: undefined, login: '', email: '', displayName: '', firstName: '', lastName: '' };
        return 'author';
      case 'wp:category':
      case 'wp:tag':
      case 'wp:term':
        this.sendSite();
        this.term = {
          taxonomy: name === 'wp:category' ? 'category' : name === 'wp:tag' ? 'post_tag' : '',
          id: undefined, slug: '', name: '', parentSlug: undefined, description: '', meta: {},
        };
        return 'term';
      case 'item':
        this.sendSite();
        this.item = emptyItem(line);
        return 'item';
      default:
        return 'other';
    }
  }

  private openMeta(context: Context): Context {
    this.metaKey = '';
    this.metaValue = '';
    return context;
  }

  private onClose(name: string): void {
    // saxes calls this for each element a mismatched closing tag pops, before it reports the
    // mismatch: the element popped last is the one whose closing tag was wrong.
    this.lastClosed = this.open.pop();
    const context = this.contexts.pop();
    const parent = this.contexts.at(-1);
    const text = detached(this.text);
    this.text = '';
    switch (context) {
      case 'channel':
        this.sendSite();
        return;
      case 'author':
        this.queue.push({ kind: 'author', author: this.author! });
        this.author = undefined;
        return;
      case 'term': {
        this.queue.push({ kind: 'term', term: this.term! });
        this.term = undefined;
        return;
      }
      case 'item':
        this.queue.push({ kind: 'item', item: this.item! });
        this.item = undefined;
        return;
      case 'comment':
        this.item!.comments.push(this.comment!);
        this.comment = undefined;
        return;
      case 'postmeta':
        if (this.metaKey === OLD_SLUG) this.addOldSlug(this.metaValue.trim());
        else if (this.metaKey) this.item!.meta[this.metaKey] = this.metaValue;
        return;
      case 'commentmeta':
        if (this.metaKey) this.comment!.meta[this.metaKey] = this.metaValue;
        return;
      case 'termmeta':
        if (this.metaKey) this.term!.meta[this.metaKey] = this.metaValue;
        return;
      default:
        break;
    }
    if (name === 'rss' && !this.channelSeen) throw new WxrNotWordpressError(this.path, 'channel');
    switch (parent) {
      case 'channel':
        if (this.site && !this.siteSent) readSiteField(this.site, name, text);
        return;
      case 'author':
        readAuthorField(this.author!, name, text);
        return;
      case 'term':
        readTermField(this.term!, name, text);
        return;
      case 'item':
        if (name === 'category') {
          if (this.category) this.item!.terms.push({ ...this.category, name: decodeTermName(text.trim()) });
          this.category = undefined;
          return;
        }
        readItemField(this.item!, name, text);
        return;
      case 'comment':
        readCommentField(this.comment!, name, text);
        return;
      case 'postmeta':
      case 'commentmeta':
      case 'termmeta':
        if (name === 'wp:meta_key') this.metaKey = text.trim();
        else if (name === 'wp:meta_value') this.metaValue = text;
        return;
      default:
        return;
    }
  }

  private addOldSlug(slug: string): void {
    const slugs = this.item!.oldSlugs;
    if (slug !== '' && !slugs.includes(slug)) slugs.push(slug);
  }

  private sendSite(): void {
    if (this.siteSent || !this.site) return;
    this.siteSent = true;
    this.queue.push({ kind: 'site', site: this.site });
  }
}

function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  const value = tag.attributes[name];
  return typeof value === 'string' ? detached(value) : undefined;
}

/**
 * A copy of `text` that does not hold on to the chunk it was cut from. V8 keeps a substring of 13
 * characters or more as a view into its parent string, so a slug kept for the whole import would
 * keep its 128 KB chunk alive with it: 100,000 items' slugs and links held the whole file. Adding a
 * character builds a new string, and slicing it back flattens that into fresh memory.
 */
function detached(text: string): string {
  return text.length === 0 ? text : (text + ' ').slice(0, -1);
}

function emptyItem(line: number): WxrItem {
  return {
    id: 0, postType: 'post', title: '', link: '', guid: '', slug: '', status: '', creator: '', content: '', excerpt: '',
    date: undefined, localDate: '', modified: undefined, parentId: 0, menuOrder: 0, isSticky: false, password: '',
    attachmentUrl: undefined, terms: [], meta: {}, oldSlugs: [], comments: [], line,
  };
}

function emptyComment(): WxrComment & { meta: Record<string, string> } {
  return {
    id: 0, parentId: 0, author: '', authorEmail: '', authorUrl: '', date: '', localDate: '', content: '',
    status: 'pending', type: 'comment', userId: undefined, meta: {},
  };
}
