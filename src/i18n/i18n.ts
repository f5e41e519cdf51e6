import { en } from './en.ts';
import { fr, type MessageKey } from './fr.ts';

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { fr, en };

/**
 * A message of the catalogs used as a parameter of another ("cannot be read: {detail}", where the
 * detail is "permission denied"), translated into the same language as the message around it.
 */
export interface Phrase {
  key: MessageKey;
  params?: MessageParams;
}

export type MessageParams = Record<string, string | number | Phrase>;

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Whether a text is the key of a message, as a schema's refusal carries one (see config.ts). */
export function isMessageKey(text: string): text is MessageKey {
  return Object.hasOwn(fr, text);
}

/** Returns the message of `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const message = catalogs[locale][key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name]!;
    return typeof value === 'object' ? translate(locale, value.key, value.params) : String(value);
  });
}

/**
 * The language a request asks for (its Accept-Language), among those Kiosque speaks; undefined
 * when it names none of them. Weights are honoured: "en;q=0.5, fr" is French.
 */
export function acceptedLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  let best: { locale: Locale; weight: number } | undefined;
  for (const part of header.split(',')) {
    const [range = '', ...parameters] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (primary !== 'fr' && primary !== 'en') continue;
    const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (weight > 0 && (!best || weight > best.weight)) best = { locale: primary, weight };
  }
  return best?.locale;
}

/** A translate function bound to one locale, as views receive it. */
export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
