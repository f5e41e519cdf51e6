import { dialectOf, fullTextIndex, type FullTextExecutor, type IndexedPost } from '../db/dialects/fulltext.ts';

/**
 * Keeping the index true. A post's entry is written in the same transaction that saves the post
 * (content.service.ts's writePost, whoever calls it: the Admin API, the importer, the demo), and
 * removed with the post by the database itself; visibility (status, date, type) is read from the
 * post when searching, so publishing, unpublishing and a scheduled post going out need nothing
 * here. An event would arrive after the commit, and a crash between the two would leave a saved
 * post unfindable; a transaction cannot.
 */
export async function indexPost(executor: FullTextExecutor, post: IndexedPost): Promise<void> {
  await fullTextIndex(dialectOf(executor)).write(executor, post);
}

/**
 * Whether this database's index stems the text in JavaScript (SQLite), so that a batch writer
 * gains by having each body's stems made on its render threads (`RenderJob.stems`) and handing
 * them over as `IndexedPost.textStems`.
 */
export function indexStemsInProcess(executor: FullTextExecutor): boolean {
  return fullTextIndex(dialectOf(executor)).stemsInProcess;
}

const BATCH = 200;

/** Indexes every post again (the migration's back-fill; the benchmark's bulk load). */
export async function reindexAllPosts(executor: FullTextExecutor, onProgress?: (done: number) => void): Promise<number> {
  const index = fullTextIndex(dialectOf(executor));
  let lastId = 0;
  let done = 0;
  for (;;) {
    const posts = await executor
      .selectFrom('posts')
      .select(['id', 'type', 'status', 'title', 'excerpt', 'plain_text', 'published_at'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (posts.length === 0) {
      await index.optimize(executor);
      return done;
    }
    const links = await executor
      .selectFrom('post_categories')
      .select(['post_id', 'category_id'])
      .where(
        'post_id',
        'in',
        posts.map((post) => post.id),
      )
      .execute();
    for (const post of posts) {
      const categoryIds = links.filter((link) => link.post_id === post.id).map((link) => link.category_id);
      await index.write(executor, { id: post.id, type: post.type, status: post.status, title: post.title, excerpt: post.excerpt, text: post.plain_text, publishedAt: post.published_at, categoryIds });
    }
    done += posts.length;
    lastId = posts[posts.length - 1]!.id;
    onProgress?.(done);
  }
}
