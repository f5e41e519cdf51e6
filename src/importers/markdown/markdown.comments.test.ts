import { describe, expect, it } from 'vitest';
import { readFileComments } from './markdown.comments.ts';
import { splitFrontMatter } from './markdown.frontmatter.ts';
import type { FileProblem } from './markdown.problems.ts';

function read(source: string, timeZone = 'Europe/Paris') {
  const split = splitFrontMatter(source);
  if (!split.ok) throw new Error('front matter unreadable');
  const problems: FileProblem[] = [];
  return { comments: readFileComments(split.frontMatter, timeZone, problems), problems };
}

describe('readFileComments', () => {
  it('says nothing when the file has no comments field, and an empty list when it lists none', () => {
    expect(read('---\ntitle: A\n---\n')).toEqual({ comments: undefined, problems: [] });
    expect(read('---\ntitle: A\ncomments: []\n---\n')).toEqual({ comments: [], problems: [] });
  });

  it('reads ids, parents, authors, sites, dates (in the site’s zone when they have none) and text or HTML', () => {
    const { comments, problems } = read(
      '---\ncomments:\n  - id: 7\n    author: Paul\n    url: paul.example.org\n    date: 2024-05-14 09:30\n    text: Merci\n  - id: huit\n    parent: 7\n    author: 2024\n    url: "javascript:alert(1)"\n    date: 2024-05-14T08:00:00Z\n    html: <p>Pareil</p>\n---\n',
    );
    expect(problems).toEqual([]);
    expect(comments).toEqual([
      { key: '7', parentKey: undefined, author: 'Paul', url: 'http://paul.example.org/', createdAt: '2024-05-14T07:30:00.000Z', text: 'Merci', line: 3, number: 1 },
      { key: 'huit', parentKey: '7', author: '2024', url: null, createdAt: '2024-05-14T08:00:00.000Z', text: '<p>Pareil</p>', line: 8, number: 2 },
    ]);
  });

  it('reads TOML comment tables, reporting at the field’s line since TOML keeps no positions', () => {
    const { comments, problems } = read('+++\ntitle = "A"\n[[comments]]\nauthor = "Paul"\ndate = 2024-05-14T07:30:00Z\ntext = "Merci"\n[[comments]]\nauthor = "Léa"\n+++\n');
    expect(comments).toBeUndefined();
    expect(problems).toEqual([{ line: 3, code: 'comment_incomplete', params: { number: 2 } }]);
  });

  it('refuses a comments field that is not a list, a site that is not text and a reply to nothing', () => {
    expect(read('---\ncomments: oui\n---\n').problems).toEqual([{ line: 2, code: 'comments_not_list', params: {} }]);
    expect(read('---\ncomments:\n  - author: A\n    date: 2024-01-01\n    text: x\n    url: [a]\n---\n').problems).toEqual([
      { line: 3, code: 'field_not_text', params: { field: 'url' } },
    ]);
    expect(read('---\ncomments:\n  - author: A\n    parent: 1\n    date: 2024-01-01\n    text: x\n---\n').problems).toEqual([
      { line: 3, code: 'comment_parent_unknown', params: { number: 1, parent: '1' } },
    ]);
  });
});
