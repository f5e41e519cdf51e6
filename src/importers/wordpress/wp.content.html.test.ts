import { describe, expect, it } from 'vitest';
import { parseHtml, textOf, type HtmlElement, type HtmlNode } from './wp.content.html.ts';

/** The tree as compact markup, to compare shapes: <p>text</p>. */
function shape(node: HtmlNode): string {
  if (node.type === 'text') return node.value;
  const inner = node.children.map(shape).join('');
  return node.name === '#root' ? inner : `<${node.name}>${inner}</${node.name}>`;
}

const parsed = (html: string) => shape(parseHtml(html));

describe('parseHtml', () => {
  it('decodes named, numeric and legacy entities, keeping non-breaking spaces', () => {
    expect(parsed('L&rsquo;&eacute;t&eacute;&nbsp;: 12&#160;% &#x2019; &amp; &copy &lt;b&gt;')).toBe('L’été\u00a0: 12\u00a0% ’ & © <b>');
  });

  it('decodes attribute values', () => {
    const root = parseHtml('<a href="/?a=1&amp;b=2" title=\'L&apos;été\' data-x=nu>x</a>');
    const link = root.children[0] as HtmlElement;
    expect(link.attributes).toEqual({ href: '/?a=1&b=2', title: 'L\'été', 'data-x': 'nu' });
  });

  it('knows void elements and self-closing syntax', () => {
    expect(parsed('<p>a<br>b<img src="x">c<br/>d</p>')).toBe('<p>a<br></br>b<img></img>c<br></br>d</p>');
  });

  it('closes a paragraph when a block starts, as browsers do', () => {
    expect(parsed('<p>texte<ul><li>un</ul>')).toBe('<p>texte</p><ul><li>un</li></ul>');
  });

  it('closes list items and cells left open', () => {
    expect(parsed('<ul><li>un<li>deux</ul>')).toBe('<ul><li>un</li><li>deux</li></ul>');
    expect(parsed('<table><tr><td>a<td>b<tr><td>c</table>')).toBe('<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>');
  });

  it('keeps a nested list inside its item', () => {
    expect(parsed('<ul><li>un<ul><li>sous</li></ul></li><li>deux</li></ul>')).toBe('<ul><li>un<ul><li>sous</li></ul></li><li>deux</li></ul>');
  });

  it('ignores end tags that close nothing, and closes what is left open at the end', () => {
    expect(parsed('</div>a</p><strong>b')).toBe('a<strong>b</strong>');
  });

  it('reads script and style content as text, not markup', () => {
    const root = parseHtml('<script>if (a < b) { document.write("<p>x</p>") }</script>après');
    expect(root.children).toHaveLength(2);
    expect((root.children[0] as HtmlElement).children[0]).toEqual({ type: 'text', value: 'if (a < b) { document.write("<p>x</p>") }' });
  });

  it('drops comments and doctypes, and reads CDATA as text', () => {
    expect(parsed('<!DOCTYPE html>a<!-- note -->b<![CDATA[<c>]]>')).toBe('ab<c>');
  });

  it('reads a lone "<" as text', () => {
    expect(parsed('3 < 4 et 5 <= 6')).toBe('3 < 4 et 5 <= 6');
  });

  it('reads attributes whose values hold ">"', () => {
    const root = parseHtml('<img alt="a > b" src="x.jpg">');
    expect((root.children[0] as HtmlElement).attributes.alt).toBe('a > b');
  });

  it('gives the text of a subtree with <br> as a line break', () => {
    expect(textOf(parseHtml('<pre>un<br>deux <b>trois</b></pre>'))).toBe('un\ndeux trois');
  });
});
