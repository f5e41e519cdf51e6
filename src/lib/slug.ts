const MAX_SLUG_LENGTH = 80;

// Letters that Unicode decomposition does not split into a base letter plus an accent.
const LIGATURES: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Lowercase ASCII slug of `text`: accents folded, apostrophes dropped ("d’emplois" → "demplois"),
 * other punctuation collapsed to single hyphens, at most 80 characters cut at a word boundary.
 * Returns '' when nothing is left; callers choose their own fallback.
 */
export function slugify(text: string): string {
  const folded = text
    .toLowerCase()
    .replace(/[œæßøđłðþı]/g, (letter) => LIGATURES[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʼ‘`´]/g, '');
  const slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return truncateAtHyphen(slug, MAX_SLUG_LENGTH);
}

function truncateAtHyphen(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  if (slug[max] === '-') return cut;
  const lastHyphen = cut.lastIndexOf('-');
  // A single word longer than the limit has no boundary to cut at.
  return lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut;
}

/** `base` if free, otherwise the first free of `base-2`, `base-3`… */
export function uniqueSlug(base: string, isTaken: (slug: string) => boolean): string {
  if (!isTaken(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}
