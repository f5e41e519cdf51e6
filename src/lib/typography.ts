const NBSP = '\u00A0';
export const NARROW_NBSP = '\u202F';

// Web addresses are left exactly as written: "?", ":" and "'" mean something in them.
const WEB_ADDRESS = /(?:https?:\/\/|www\.)[^\s<>«»"]*/giu;

/**
 * One rewrite rule; every rule only matches text it has not already fixed, so rules are idempotent.
 * `needs` holds the characters one of which any match contains: most runs of prose contain none of
 * a rule's, and testing for them is far cheaper than running a pattern with a lookbehind.
 *
 * A pattern starts with the character it rewrites and looks behind only once it holds it
 * ("!(?<=\p{L}!)", not "(?<=\p{L})!"): one that starts with a lookbehind is tried at every position
 * of the text, which made the letter-before-"!" rule alone cost as much as all the others.
 */
type Rule = readonly [pattern: RegExp, replacement: string, needs: RegExp];

const FRENCH_RULES: readonly Rule[] = [
  [/'(?<=\p{L}')(?=\p{L})/gu, '’', /'/],
  // "Titre : texte". A colon or semicolon before ")" is a smiley, not punctuation.
  [/ +:(?=$|[\s»”"'\].,!?…])/gu, `${NBSP}:`, / :/],
  [/ +;(?=$|[\s»”"'\].,!?…])/gu, `${NARROW_NBSP};`, / ;/],
  [/ +([!?])(?=$|[\s»”"')\].,!?…])/gu, `${NARROW_NBSP}$1`, / [!?]/],
  [/;(?<=\p{L};)(?=$|[\s»”"'\]…])/gu, `${NARROW_NBSP};`, /;/],
  [/([!?])(?<=\p{L}[!?])(?=$|[\s»”"')\]!?…])/gu, `${NARROW_NBSP}$1`, /[!?]/],
  [/«[ \u00A0\u202F]*/gu, `«${NBSP}`, /«/],
  [/[ \u00A0\u202F]*»/gu, `${NBSP}»`, /»/],
  // "45 000", "1 650 000"; but not "en 2024 100 visiteurs", whose first group has four digits.
  [/ (?<=(?:^|[^\d,.])\d{1,3}(?:[\u202F ]\d{3})* )(?=\d{3}(?!\d))/gu, NARROW_NBSP, /\d \d/],
  [/ (?<=\d )(?=[€%$£])/gu, NBSP, /\d [€%$£]/],
  // Keeps a sign with its number: "+ 42 %" must not break after the plus.
  [/([+\-–−])(?<=(?:^|[\s(])[+\-–−]) (?=\d)/gu, `$1${NBSP}`, /[+\-–−] \d/],
];

const ENGLISH_RULES: readonly Rule[] = [[/'(?<=\p{L}')(?=\p{L})/gu, '’', /'/]];

/** A test failing on any text no rule of `rules` can change, as half the texts of an article (bare line breaks). */
function anyNeeds(rules: readonly Rule[]): RegExp {
  return new RegExp(rules.map(([, , needs]) => needs.source).join('|'));
}

const FRENCH_NEEDS = anyNeeds(FRENCH_RULES);
const ENGLISH_NEEDS = anyNeeds(ENGLISH_RULES);

function applyOutsideWebAddresses(text: string, rules: readonly Rule[], needs: RegExp): string {
  // What no rule needs is in no part of the text either: nothing to split around addresses.
  if (!needs.test(text)) return text;
  let result = '';
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    result += applyRules(text.slice(last, match.index), rules) + match[0];
    last = match.index + match[0].length;
  }
  return result + applyRules(text.slice(last), rules);
}

function applyRules(text: string, rules: readonly Rule[]): string {
  return rules.reduce((current, [pattern, replacement, needs]) => (needs.test(current) ? current.replace(pattern, replacement) : current), text);
}

/**
 * French spacing and apostrophes for one run of prose: non-breaking spaces before ":" and inside
 * « », narrow ones before ";!?" and between digit groups, curly apostrophes. Running it twice
 * changes nothing more; web addresses inside the text are left alone.
 */
export function frenchTypography(text: string): string {
  return applyOutsideWebAddresses(text, FRENCH_RULES, FRENCH_NEEDS);
}

/** English prose only gets curly apostrophes; its spacing is already right as typed. */
export function englishTypography(text: string): string {
  return applyOutsideWebAddresses(text, ENGLISH_RULES, ENGLISH_NEEDS);
}
