/**
 * How search reads French, in one place for both engines.
 *
 * `searchWords` is what both engines see: words lower-cased, elisions dropped ("l’hébergeur" →
 * "hébergeur"), and a hyphenated or apostrophised compound as its parts followed by the parts
 * joined ("e-commerce" → "e commerce ecommerce"), so "e-commerce", "ecommerce" and "Ecommerce"
 * meet. PostgreSQL then folds accents (unaccent) and stems (french_stem) by itself; SQLite's FTS5
 * has no French stemmer, so its index and queries hold `stemWord`'s forms, computed here.
 */

import { isLetterOrDigitUnit, isSurrogate } from '../lib/letters.ts';

const WORD = /[\p{L}\p{N}]+(?:[-‐‑'’ʼ][\p{L}\p{N}]+)*/gu;
const JOINERS = /[-‐‑'’ʼ]/u;
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’ʼ]/u;
/** Longer tokens are noise (hashes, URLs glued together); PostgreSQL drops them too. */
const MAX_WORD_LENGTH = 60;

/** Words as written, a hyphenated or apostrophised compound whole: "L’hébergeur", "e-commerce". */
export function compoundsOf(text: string): string[] {
  const compounds: string[] = [];
  forEachCompound(text, (compound) => compounds.push(compound));
  return compounds;
}

/** The words of a text, in order, as both engines index and query them. */
export function searchWords(text: string): string[] {
  const words: string[] = [];
  forEachSearchWord(text, (word) => words.push(word));
  return words;
}

function forEachSearchWord(text: string, found: (word: string) => void): void {
  forEachCompound(text.toLowerCase(), (compound, joined) => {
    // Most words have neither an elision nor a joiner: they are their own one part.
    if (!joined) {
      if (compound.length <= MAX_WORD_LENGTH) found(compound);
      return;
    }
    while (ELISION.test(compound)) compound = compound.replace(ELISION, '');
    const parts = compound.split(JOINERS).filter(Boolean);
    for (const part of parts) if (part.length <= MAX_WORD_LENGTH) found(part);
    const whole = parts.join('');
    if (parts.length > 1 && whole.length <= MAX_WORD_LENGTH) found(whole);
  });
}

/**
 * Calls `found` with each match of WORD in `text`, in order, and whether it holds a joiner. The
 * same matches as `text.matchAll(WORD)`, found by a loop over the text's code units: the regular
 * expression tests each character against the Unicode tables of letters and numbers, which made
 * it most of the cost of indexing a post; src/lib/letters.ts remembers each code unit's answer. A
 * text with characters outside the Basic Multilingual Plane (emoji, rare scripts) takes the
 * regular expression.
 */
function forEachCompound(text: string, found: (compound: string, joined: boolean) => void): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    let code = text.charCodeAt(i);
    if (!isLetterOrDigitUnit(code)) {
      if (isSurrogate(code)) return forEachCompoundSlowly(text, i, found);
      i++;
      continue;
    }
    const start = i;
    let joined = false;
    for (;;) {
      // A run of letters and numbers (U+02BC, a letter, is also a joiner).
      while (i < length && isLetterOrDigitUnit((code = text.charCodeAt(i)))) {
        if (code === 0x2bc) joined = true;
        i++;
      }
      // Then a joiner, if a letter or number follows it.
      if (i + 1 < length && isJoiner(text.charCodeAt(i)) && isLetterOrDigitUnit(text.charCodeAt(i + 1))) {
        joined = true;
        i++;
        continue;
      }
      break;
    }
    // A surrogate right after the run, or after a joiner, may be a letter that belongs to it.
    if (isSurrogate(text.charCodeAt(i)) || (isJoiner(text.charCodeAt(i)) && isSurrogate(text.charCodeAt(i + 1)))) return forEachCompoundSlowly(text, start, found);
    found(text.slice(start, i), joined);
  }
}

function forEachCompoundSlowly(text: string, from: number, found: (compound: string, joined: boolean) => void): void {
  for (const [match] of text.slice(from).matchAll(WORD)) found(match, JOINERS.test(match));
}

/** JOINERS but U+02BC, a letter, which the runs of letters take in. */
function isJoiner(code: number): boolean {
  return code === 0x2d || code === 0x27 || code === 0x2019 || code === 0x2010 || code === 0x2011;
}

/**
 * The one word a query term stands for: a compound joined ("e-commerce" → "ecommerce"), so that
 * a term matches the compound written in any of its ways. `searchWords` indexes that joined form.
 */
export function queryWord(term: string): string | undefined {
  const words = searchWords(term);
  return words.length > 1 ? words[words.length - 1] : words[0];
}

// Letters that Unicode decomposition does not split into a base letter and an accent.
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ð: 'd', þ: 'th', ı: 'i' };

/** Lower-case without accents, as PostgreSQL's unaccent and FTS5's remove_diacritics fold. */
export function foldAccents(word: string): string {
  return word
    .toLowerCase()
    .replace(/[œæßøđłðþı]/g, (letter) => LIGATURES[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

/** Shortest stem an ending may leave: "mer", "par" and "pas" stay whole. */
const MIN_STEM = 3;
/** Conjugated endings, the longest first; a longer stem is kept for -ent and -ant ("client", "parent", "argent"). */
const VERB_ENDINGS: readonly [ending: string, minStem: number][] = [
  ['eraient', MIN_STEM],
  ['erions', MIN_STEM],
  ['aient', MIN_STEM],
  ['erons', MIN_STEM],
  ['eront', MIN_STEM],
  ['erez', MIN_STEM],
  ['ent', 4],
  ['ant', 4],
  ['ez', MIN_STEM],
  ['er', MIN_STEM],
];

function strip(word: string, ending: string, minStem = MIN_STEM): string | undefined {
  return word.endsWith(ending) && word.length - ending.length >= minStem ? word.slice(0, -ending.length) : undefined;
}

/**
 * A light French stemmer: folds accents, then removes plural, feminine and participle endings
 * and the commonest conjugated ones, so that "commandes", "commandé", "commandées", "commander"
 * and "commandent" share "command". Light on purpose: it conflates a word's forms, not words
 * of one family ("hébergeur" and "héberger" stay apart), which keeps results precise.
 */
export function stemWord(word: string): string {
  let stem = foldAccents(word);
  // Numbers, short words and stop words stay whole: "mais" must not become "mai" (May).
  if (stem.length <= MIN_STEM || /\d/.test(stem) || STOP_WORDS.has(stem)) return stem;
  stem = strip(stem, 'aux', MIN_STEM) !== undefined ? `${stem.slice(0, -3)}al` : (strip(stem, 's') ?? strip(stem, 'x') ?? stem);
  // Feminine and participle: "-ée" and "-e" go ("commandée", "commande", "commandé" once folded).
  stem = strip(stem, 'ee') ?? strip(stem, 'e') ?? stem;
  // A feminine plural left its "s" behind the "e": "anglaises" → "anglais" → "anglai", as "anglais".
  stem = strip(stem, 's') ?? stem;
  for (const [ending, minStem] of VERB_ENDINGS) {
    const shorter = strip(stem, ending, minStem);
    if (shorter !== undefined) {
      stem = shorter;
      break;
    }
  }
  // "-if" and "-ive", "-eur" and "-euse"/"-eux": one form each.
  stem = strip(stem, 'if') !== undefined ? `${stem.slice(0, -2)}iv` : stem;
  stem = strip(stem, 'eur') !== undefined ? stem.slice(0, -1) : stem;
  // A consonant doubled before a feminine "e" ("bonne", "naturelle", "cette") is single in the masculine.
  if (stem.length > MIN_STEM && /([lnt])\1$/.test(stem)) stem = stem.slice(0, -1);
  return stem;
}

/**
 * Words that say nothing on their own: PostgreSQL's French list (tsearch_data/french.stop) and
 * the few it lacks ("les", "cette", "dont", "où"), folded. A query's loose words drop them on
 * both engines, so "les prix" asks for "prix" everywhere; quoted phrases keep them.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes moi mon ne nos notre nous on ou par pas pour ' +
    'qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l à m n s t y été étée étées étés étant étante étants ' +
    'étantes suis es est sommes êtes sont serai seras sera serons serez seront serais serait serions seriez seraient étais était étions ' +
    'étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ' +
    'ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait ' +
    'avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent ' +
    'les cette cet dont où'
  )
    .split(' ')
    .map(foldAccents),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(foldAccents(word));
}

const STEMS = new Map<string, string>();
/** Distinct words in a blog number in the tens of thousands; the cache starts again past this. */
const STEM_CACHE_SIZE = 100_000;

/** `stemWord`, remembered: indexing and snippets stem the same few thousand words over and over. */
export function cachedStem(word: string): string {
  let stem = STEMS.get(word);
  if (stem === undefined) {
    if (STEMS.size >= STEM_CACHE_SIZE) STEMS.clear();
    stem = stemWord(word);
    STEMS.set(word, stem);
  }
  return stem;
}

/** A text as SQLite's index holds it: its words stemmed, separated by spaces. */
export function stemmedText(text: string): string {
  let stemmed: string | undefined;
  forEachSearchWord(text, (word) => (stemmed = stemmed === undefined ? cachedStem(word) : `${stemmed} ${cachedStem(word)}`));
  return stemmed ?? '';
}
