import { describe, expect, it } from 'vitest';
import { fr as adminFr } from '../admin/web/i18n/fr.ts';
import { fr } from './fr.ts';

const NBSP = '\u00A0';
const NARROW_NBSP = '\u202F';

/** A punctuation mark as a sign of the sentence (not "nom: valeur", "http://" or "&apos;"), with the space before it. */
const SPACED_PUNCTUATION = /([ \u00A0\u202F]+)([:;!?])(?=$|[\s»”"'\].,!?…)])/gu;

/** The spaces of French punctuation that a plain space gets wrong: it lets a line break before « : » or after « «. */
function plainSpaces(message: string): string[] {
  const found: string[] = [];
  for (const match of message.matchAll(SPACED_PUNCTUATION)) {
    // « ? » quotes a character: its spaces are those of the quotation marks.
    const quoted = message.slice(0, match.index).endsWith('«');
    if (!quoted && match[1]!.includes(' ')) found.push(`space before “${match[2]}”`);
  }
  if (/« /.test(message)) found.push('space after “«”');
  if (/ »/.test(message)) found.push('space before “»”');
  return found;
}

/** Where a message's no-break spaces differ from those the articles get (src/lib/typography.ts). */
function otherSpacesThanArticles(message: string): string[] {
  const found: string[] = [];
  for (const match of message.matchAll(SPACED_PUNCTUATION)) {
    if (message.slice(0, match.index).endsWith('«')) continue;
    const wanted = match[2] === ':' ? NBSP : NARROW_NBSP;
    if (match[1] !== wanted) found.push(`“${match[2]}” after U+${match[1]!.codePointAt(0)!.toString(16).toUpperCase()}`);
  }
  if (/«(?!\u00A0)/u.test(message)) found.push('“«” not followed by one no-break space');
  if (/(?<!\u00A0)»/u.test(message)) found.push('“»” not preceded by one no-break space');
  return found;
}

const faults = (catalog: Record<string, string>, check: (message: string) => string[]) =>
  Object.entries(catalog).flatMap(([key, message]) => check(message).map((fault) => `${key}: ${fault}`));

describe('French catalogs', () => {
  it('keep « : ; ! ? » and the quotation marks from their words with no-break spaces, never plain ones', () => {
    expect(faults(fr, plainSpaces)).toEqual([]);
    expect(faults(adminFr, plainSpaces)).toEqual([]);
  });

  it('space the site’s messages as the articles beside them are spaced', () => {
    expect(faults(fr, otherSpacesThanArticles)).toEqual([]);
  });

  it('finds the faults it is written for', () => {
    expect(plainSpaces('Catégorie : {name}')).toEqual(['space before “:”']);
    expect(plainSpaces('Supprimer « {name} » ?')).toEqual(['space before “?”', 'space after “«”', 'space before “»”']);
    expect(plainSpaces('ni «\u00A0?\u00A0» ni «\u00A0#\u00A0», nom: valeur, &apos; et http://')).toEqual([]);
    expect(otherSpacesThanArticles('Recherche\u202F: {query}')).toEqual(['“:” after U+202F']);
  });
});
