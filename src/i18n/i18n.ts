import { en } from './en.ts';
import { fr, type MessageKey } from './fr.ts';

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { fr, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Returns the message of `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const message = catalogs[locale][key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A translate function bound to one locale, as views receive it. */
export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
