import { renderDocument } from '../jsx/jsx-runtime.ts';
import type { Html } from '../jsx/jsx-runtime.ts';
import { translator } from '../../i18n/i18n.ts';
import type { MessageKey, Translate } from '../../i18n/i18n.ts';
import type { ArchiveView, Link, SiteChrome } from '../site.models.ts';
import { documentTitle, Layout } from './layout.tsx';
import { Pagination } from './pagination.tsx';
import { CardList } from './post-card.tsx';
import { ChipLinks } from './post-meta.tsx';
import { archiveSeo, isThinListing } from '../../seo/seo.pages.ts';
import { metaDescription } from '../../seo/seo.text.ts';

const HEADINGS: Record<ArchiveView['kind'], MessageKey> = {
  category: 'archive.category',
  tag: 'archive.tag',
  author: 'archive.author',
};

/** What results say of an archive that has no description written for it. */
const DESCRIPTIONS: Record<ArchiveView['kind'], MessageKey> = {
  category: 'seo.categoryDescription',
  tag: 'seo.tagDescription',
  author: 'seo.authorDescription',
};

/** Home › ancestors › this archive, the last one marked as the current page. */
function Breadcrumb({ view, t }: { view: ArchiveView; t: Translate }): Html {
  const trail: Link[] = [{ label: t('site.home'), href: '/' }, ...view.ancestors];
  return (
    <nav class="breadcrumb" aria-label={t('site.breadcrumb')}>
      <ol>
        {trail.map((link) => (
          <li>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
        <li>
          <a href={view.url} aria-current="page">
            {view.name}
          </a>
        </li>
      </ol>
    </nav>
  );
}

function Subcategories({ links, t }: { links: Link[]; t: Translate }): Html {
  if (links.length === 0) return <></>;
  return (
    <nav class="subcategories" aria-labelledby="k-subcategories">
      <h2 class="subcategories-title" id="k-subcategories">
        {t('archive.subcategories')}
      </h2>
      <ChipLinks links={links} />
    </nav>
  );
}

/** A category, tag or author archive: breadcrumb, heading, description, posts, pagination. */
export function renderArchivePage(chrome: SiteChrome, view: ArchiveView): string {
  const t = translator(chrome.locale);
  const heading = t(HEADINGS[view.kind], { name: view.name });
  const { page, pages } = view.pagination;
  const titleParts = page > 1 ? [heading, t('pagination.page', { page, pages })] : [heading];
  return renderDocument(
    <Layout
      chrome={chrome}
      t={t}
      title={documentTitle(chrome, ...titleParts)}
      description={metaDescription(view.description, t(DESCRIPTIONS[view.kind], { name: view.name, site: chrome.title }))}
      canonicalPath={chrome.currentPath}
      noindex={isThinListing(view.pagination, view.posts.length, true)}
      seo={archiveSeo(chrome, t, view, heading)}
    >
      <div class="archive wrap">
        <Breadcrumb view={view} t={t} />
        <header class="archive-header">
          <h1 class="page-title">{heading}</h1>
          {view.description ? <p class="archive-description">{view.description}</p> : null}
          <Subcategories links={view.children} t={t} />
        </header>
        {view.posts.length > 0 ? (
          <CardList posts={view.posts} class="card-grid" t={t} locale={chrome.locale} timeZone={chrome.timeZone} headingLevel={2} variant="grid" />
        ) : (
          <p class="empty-state">{t('archive.empty')}</p>
        )}
        <Pagination pagination={view.pagination} t={t} />
      </div>
    </Layout>,
  );
}
