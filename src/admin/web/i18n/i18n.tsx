import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en } from './en.ts';
import { fr, type MessageKey } from './fr.ts';

export type Locale = 'fr' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
/** A message in plural forms: the catalogs hold `<key>.one` and `<key>.other`. */
export type CountedKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { fr, en };

/** The browser's preferred language among those the admin speaks; French first. */
export function browserLocale(): Locale {
  for (const language of navigator.languages ?? [navigator.language]) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'fr';
}

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

export interface I18n {
  locale: Locale;
  t: Translate;
  /** The message's form for `count` in the locale (“1 résultat”, “0 résultat”, “2 results”), `{count}` written as a number of the locale. */
  counted(key: CountedKey, count: number, params?: Record<string, string | number>): string;
  /** A date and time as people of the locale write them, in the given time zone. */
  dateTime(iso: string, timeZone?: string): string;
  date(iso: string, timeZone?: string): string;
  number(value: number): string;
}

export function makeI18n(locale: Locale): I18n {
  const catalog = CATALOGS[locale];
  const t: Translate = (key, params) => {
    const message = catalog[key];
    if (!params) return message;
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const plural = new Intl.PluralRules(tag);
  const number = (value: number) => new Intl.NumberFormat(tag).format(value);
  const format = (iso: string, options: Intl.DateTimeFormatOptions) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(tag, options).format(date);
  };
  return {
    locale,
    t,
    // French and English have only these two forms; CLDR's “many” (French millions) takes “other”.
    counted: (key, count, params) => t(`${key}.${plural.select(count) === 'one' ? 'one' : 'other'}`, { ...params, count: number(count) }),
    dateTime: (iso, timeZone) => format(iso, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
    date: (iso, timeZone) => format(iso, { dateStyle: 'medium', timeZone }),
    number,
  };
}

const I18nContext = createContext<I18n>(makeI18n('fr'));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
