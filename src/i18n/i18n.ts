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

/** A translate function bound to one locale, as views receive it. */
export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
