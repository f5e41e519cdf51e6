import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { createAuthorProfile, insertUser, normalizeEmail, prepareNewUser } from '../../auth/users.service.ts';
import type { DatabaseSchema } from '../../db/schema.ts';
import { isKiosqueError } from '../../errors.ts';
import { detached, plainText } from './wp.fields.ts';
import type { ImportMappings } from './wp.mappings.ts';
import { wpProblem, type WordpressImportReport } from './wp.report.ts';
import type { LegacyAuthor } from './wp.urls.ts';
import type { WxrAuthor } from './wxr.model.ts';

type Trx = Transaction<DatabaseSchema>;

/**
 * The blog's authors become staff accounts with the role "author" and no password, ready to be
 * invited (their byline is their author profile). Someone whose e-mail address already has an
 * account here is that account; an author without a usable address gets a byline only.
 */
export class WpAuthors {
  private readonly byLogin = new Map<string, { authorId: number; wpId: number | undefined }>();
  /** The bylines `authorOf` gave logins the header had not declared yet, and how the report counted each. */
  private readonly bylines = new Map<string, 'imported' | 'updated'>();

  constructor(
    private readonly report: WordpressImportReport,
    private readonly mappings: ImportMappings,
    private readonly now: string,
  ) {}

  async addAuthor(trx: Trx, author: WxrAuthor): Promise<void> {
    const known = author.id === undefined ? undefined : this.mappings.find('author', author.id)?.localId;
    let authorId: number;
    if (known !== undefined && known !== null) {
      authorId = known;
      this.report.counts.author.updated++;
    } else {
      const name = displayName(author);
      const email = normalizeEmail(author.email);
      const account = email ? await trx.selectFrom('users').select('author_id').where('email', '=', email).executeTakeFirst() : undefined;
      if (account) {
        authorId = account.author_id;
        this.report.counts.author.updated++;
      } else {
        authorId = await this.createAccount(trx, author, name, email);
        this.report.counts.author.imported++;
      }
      if (author.id !== undefined) await this.mappings.record(trx, 'author', author.id, { localId: authorId });
    }
    const login = detached(author.login);
    if (this.bylines.has(login)) await this.adoptByline(trx, login, authorId);
    this.byLogin.set(login, { authorId, wpId: author.id });
  }

  /**
   * A file that declares an author after items naming them (put together by hand or by another
   * tool; WordPress writes the authors first): those items got a byline of their own, which now
   * gives its posts to the declared author and goes. The byline's mapping follows, so that the
   * next run's items find the declared author at once. The caller has written every post read so
   * far. The report counts the author once, and no longer says it was undeclared.
   */
  private async adoptByline(trx: Trx, login: string, authorId: number): Promise<void> {
    const byline = this.byLogin.get(login)!.authorId;
    this.report.counts.author[this.bylines.get(login)!]--;
    this.bylines.delete(login);
    const warning = this.report.warnings.findIndex((problem) => problem.code === 'author_undeclared' && problem.params.login === login);
    if (warning >= 0) this.report.warnings.splice(warning, 1);
    await this.mappings.record(trx, 'author', undeclaredAuthorKey(login), { localId: authorId });
    if (byline === authorId) return;
    await trx.updateTable('posts').set({ author_id: authorId }).where('author_id', '=', byline).execute();
    await trx
      .deleteFrom('authors')
      .where('id', '=', byline)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('users').select('users.id').whereRef('users.author_id', '=', 'authors.id'))))
      .execute();
  }

  private async createAccount(trx: Trx, author: WxrAuthor, name: string, email: string): Promise<number> {
    try {
      const prepared = await prepareNewUser({ email, name, role: 'author', password: null });
      return (await insertUser(trx, prepared, new Date(this.now))).authorId;
    } catch (error) {
      if (!isKiosqueError(error) || error.code !== 'invalid_request') throw error;
      this.report.warnings.push(wpProblem(author.id ?? 0, 0, 'author_without_account', { login: author.login }));
      return createAuthorProfile(trx, name, this.now);
    }
  }

  /**
   * The author profile of an item's dc:creator. A login the header did not declare (a partial
   * export) gets a byline of its own, once, recorded in the import mappings like a declared
   * author so that importing the file again finds it.
   */
  async authorOf(trx: Trx, login: string, itemId: number, line: number): Promise<number | null> {
    if (!login) return null;
    const known = this.byLogin.get(login);
    if (known) return known.authorId;
    const key = undeclaredAuthorKey(login);
    const recorded = this.mappings.find('author', key)?.localId;
    let authorId: number;
    let counted: 'imported' | 'updated';
    if (recorded !== undefined && recorded !== null) {
      authorId = recorded;
      counted = 'updated';
    } else {
      // Said when the byline is made, as for a declared author left without an account.
      this.report.warnings.push(wpProblem(itemId, line, 'author_undeclared', { login }));
      authorId = await createAuthorProfile(trx, login, this.now);
      counted = 'imported';
      await this.mappings.record(trx, 'author', key, { localId: authorId });
    }
    this.report.counts.author[counted]++;
    const kept = detached(login);
    this.bylines.set(kept, counted);
    this.byLogin.set(kept, { authorId, wpId: undefined });
    return authorId;
  }

  /** The authors as old addresses need them (/author/login/, ?author=ID). */
  async legacyAuthors(trx: Trx): Promise<LegacyAuthor[]> {
    const ids = [...this.byLogin.values()].map((author) => author.authorId);
    const rows = ids.length === 0 ? [] : await trx.selectFrom('authors').select(['id', 'slug']).where('id', 'in', ids).execute();
    const slugs = new Map(rows.map((row) => [row.id, row.slug]));
    return [...this.byLogin].map(([login, author]) => ({ wpId: author.wpId, login, newSlug: slugs.get(author.authorId) }));
  }
}

/**
 * The number an author named only by dc:creator is recorded under: the export gives no user id for
 * a login it does not declare, so one is made from the login, the same at every run, and negative,
 * so that it is never a WordPress user's.
 */
export function undeclaredAuthorKey(login: string): number {
  return -(createHash('sha256').update(login).digest().readUIntBE(0, 6) + 1);
}

function displayName(author: WxrAuthor): string {
  return plainText(author.displayName) || plainText([author.firstName, author.lastName].join(' ')) || author.login;
}
