import { describe, expect, it } from 'vitest';
import { EMPHASIS_MARKS, resolveEmphasis } from './wp.content.emphasis.ts';

const { strong, emphasis, strike } = EMPHASIS_MARKS;
const bold = (text: string) => `${strong.open}${text}${strong.close}`;

describe('resolveEmphasis', () => {
  it('writes Markdown markers where Markdown reads them', () => {
    expect(resolveEmphasis(`du ${bold('gras')}, de l’${emphasis.open}italique${emphasis.close} et ${strike.open}barré${strike.close}`)).toBe(
      'du **gras**, de l’*italique* et ~~barré~~',
    );
    expect(resolveEmphasis(`intra${bold('mot')}s`)).toBe('intra**mot**s');
  });

  it('writes HTML tags where punctuation inside meets a letter outside', () => {
    expect(resolveEmphasis(`un ${bold('« mot »')}suivi`)).toBe('un <strong>« mot »</strong>suivi');
    expect(resolveEmphasis(`mot${bold('(note)')}`)).toBe('mot<strong>(note)</strong>');
  });

  it('decides each pair on its own, nested ones included', () => {
    expect(resolveEmphasis(`${emphasis.open}a ${bold('« b »')}c${emphasis.close}`)).toBe('*a <strong>« b »</strong>c*');
  });

  it('leaves text without placeholders as it is', () => {
    expect(resolveEmphasis('texte simple')).toBe('texte simple');
  });
});
