import { describe, expect, it } from 'vitest';
import { splitFrontMatter, type FrontMatterResult } from './markdown.frontmatter.ts';

function fields(result: FrontMatterResult) {
  if (!result.ok) throw new Error(`unexpected problem: ${JSON.stringify(result.problem)}`);
  return result.frontMatter;
}

function problem(result: FrontMatterResult) {
  if (result.ok) throw new Error('a problem was expected');
  return result.problem;
}

describe('splitFrontMatter', () => {
  it('reads YAML between --- lines and tells the file line of each field and of the body', () => {
    const front = fields(splitFrontMatter('---\ntitle: Bonjour\ntags: [a, b]\n---\n\nCorps\n'));
    expect(front.fields).toEqual({ title: 'Bonjour', tags: ['a', 'b'] });
    expect(front.lineOf('title')).toBe(2);
    expect(front.lineOf('tags')).toBe(3);
    expect(front.lineOf('nothing')).toBeUndefined();
    expect(front.body).toBe('\nCorps\n');
    expect(front.bodyLine).toBe(5);
  });

  it('tells the file line of each item of a YAML list, and nothing for the formats that keep no positions', () => {
    const yaml = fields(splitFrontMatter('---\ntitle: Bonjour\ncomments:\n  - author: A\n    date: 2024-01-01\n  - author: B\ntags: [a, b]\n---\n'));
    expect(yaml.lineOfItem('comments', 0)).toBe(4);
    expect(yaml.lineOfItem('comments', 1)).toBe(6);
    expect(yaml.lineOfItem('comments', 2)).toBeUndefined();
    expect(yaml.lineOfItem('tags', 1)).toBe(7);
    expect(yaml.lineOfItem('title', 0)).toBeUndefined();
    const toml = fields(splitFrontMatter('+++\ntitle = "Bonjour"\n[[comments]]\nauthor = "A"\n+++\n'));
    expect(toml.lineOfItem('comments', 0)).toBeUndefined();
    expect(toml.lineOf('comments')).toBe(3);
  });

  it('keeps YAML dates as the text written, for the importer to read in the site time zone', () => {
    expect(fields(splitFrontMatter('---\ndate: 2024-03-15\n---\n')).fields).toEqual({ date: '2024-03-15' });
  });

  it('reports a YAML syntax error on the line of the file, counting the opening fence', () => {
    const found = problem(splitFrontMatter('---\ndate: 2024-01-01\ntitle: Bilan 2024: le e-commerce progresse\nother: x\n---\nbody'));
    expect(found.code).toBe('front_matter_invalid');
    expect(found.params.format).toBe('YAML');
    expect(found.line).toBe(3);
  });

  it('reports YAML that is not a set of fields', () => {
    expect(problem(splitFrontMatter('---\n- a\n- b\n---\n'))).toMatchObject({ code: 'front_matter_not_fields', line: 2 });
  });

  it('reports front matter that is never closed on line 1', () => {
    expect(problem(splitFrontMatter('---\ntitle: x\n\nbody'))).toMatchObject({ code: 'front_matter_unclosed', line: 1, params: { fence: '---' } });
    expect(problem(splitFrontMatter('+++\ntitle = "x"\n'))).toMatchObject({ code: 'front_matter_unclosed', line: 1, params: { fence: '+++' } });
  });

  it('reads TOML between +++ lines, with the lines of top-level keys and tables', () => {
    const front = fields(splitFrontMatter('+++\ntitle = "Hugo"\ndraft = false\n[cover]\nimage = "c.png"\n+++\nBody'));
    expect(front.fields).toMatchObject({ title: 'Hugo', draft: false, cover: { image: 'c.png' } });
    expect(front.lineOf('draft')).toBe(3);
    expect(front.lineOf('cover')).toBe(4);
    // `image` exists only inside the [cover] table.
    expect(front.lineOf('image')).toBeUndefined();
    expect(front.bodyLine).toBe(7);
  });

  it('reports a TOML syntax error on the line of the file', () => {
    expect(problem(splitFrontMatter('+++\ntitle = "x"\ndate = \n+++\n'))).toMatchObject({ code: 'front_matter_invalid', line: 3, params: { format: 'TOML' } });
  });

  it('reads a JSON object opening the file, braces inside strings included', () => {
    const front = fields(splitFrontMatter('{\n  "title": "Un {titre}",\n  "tags": ["a"]\n}\nCorps'));
    expect(front.fields).toEqual({ title: 'Un {titre}', tags: ['a'] });
    expect(front.lineOf('tags')).toBe(3);
    expect(front.body).toBe('Corps');
    expect(front.bodyLine).toBe(5);
  });

  it('reports a JSON syntax error on its line', () => {
    expect(problem(splitFrontMatter('{\n  "title": "x",\n  "date" "2024"\n}\n'))).toMatchObject({ code: 'front_matter_invalid', line: 3, params: { format: 'JSON' } });
  });

  it('treats a file without front matter as all body, and ignores a byte-order mark and CRLF line ends', () => {
    expect(fields(splitFrontMatter('# Titre\n'))).toMatchObject({ format: undefined, fields: {}, body: '# Titre\n', bodyLine: 1 });
    expect(fields(splitFrontMatter('---\n---\nTexte\n'))).toMatchObject({ format: 'YAML', fields: {} });
    const front = fields(splitFrontMatter('\uFEFF---\r\ntitle: x\r\n---\r\nA\r\nB'));
    expect(front.fields).toEqual({ title: 'x' });
    expect(front.body).toBe('A\nB');
  });
});
