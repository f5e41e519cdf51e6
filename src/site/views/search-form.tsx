import type { Html } from '../jsx/jsx-runtime.ts';
import type { Locale, Translate } from '../../i18n/i18n.ts';
import { searchPath } from '../site.urls.ts';

/** Longest query a reader may type; the search takes no more (src/search/search.query.ts). */
export const SEARCH_QUERY_MAX_LENGTH = 200;

/** The header's search box: a plain GET form to the search page, no script. */
export function SearchForm({ locale, t }: { locale: Locale; t: Translate }): Html {
  return (
    <form class="search-form search-form--header" role="search" aria-label={t('search.label')} method="get" action={searchPath(locale)}>
      <label class="visually-hidden" for="k-search-site">
        {t('search.label')}
      </label>
      <input id="k-search-site" type="search" name="q" maxlength={SEARCH_QUERY_MAX_LENGTH} placeholder={t('search.placeholder')} />
      <button type="submit">{t('search.submit')}</button>
    </form>
  );
}
