import type { Html } from '../jsx/jsx-runtime.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { Pagination as PaginationModel } from '../site.models.ts';

/** Previous/next links with "Page N sur M"; nothing when everything fits on one page. */
export function Pagination({ pagination, t }: { pagination: PaginationModel; t: Translate }): Html {
  if (pagination.pages <= 1) return <></>;
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      {pagination.previousHref ? (
        <a class="pagination-link pagination-previous" rel="prev" href={pagination.previousHref}>
          <span aria-hidden="true">← </span>
          {t('pagination.previous')}
        </a>
      ) : null}
      <p class="pagination-status">{t('pagination.page', { page: pagination.page, pages: pagination.pages })}</p>
      {pagination.nextHref ? (
        <a class="pagination-link pagination-next" rel="next" href={pagination.nextHref}>
          {t('pagination.next')}
          <span aria-hidden="true"> →</span>
        </a>
      ) : null}
    </nav>
  );
}
