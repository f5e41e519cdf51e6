import { TextArea, TextField } from '../../components/Fields.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ApiError } from '../../lib/api.ts';
import { slugify } from '../../../../lib/slug.ts';
import { plainSummary, type Draft } from './draft.ts';

/** Google cuts titles at about 60 characters and descriptions at about 160 on a wide screen. */
export const SEO_TITLE_MAX = 60;
export const SEO_DESCRIPTION_MAX = 160;

function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1).trimEnd() + '…' : text;
}

interface SeoPanelProps {
  draft: Draft;
  change(changes: Partial<Draft>): void;
  url: string;
  error: ApiError | null;
  /** The last save kept another slug than the one typed. */
  slugNote: { typed: string; saved: string } | null;
}

/** Slug, SEO title and description with their counters, and the result as a search engine shows it. */
export function SeoPanel({ draft, change, url, error, slugNote }: SeoPanelProps) {
  const { t } = useI18n();
  // Folded as the server folds it, the typed slug is the one kept: it was only simplified; else
  // its folded form was taken (or is one of the site's own addresses).
  const folded = slugNote && slugify(slugNote.typed);
  const note = slugNote && (folded === slugNote.saved ? t('seo.slugSimplified', slugNote) : t('seo.slugTaken', { typed: folded || slugNote.typed, saved: slugNote.saved }));
  const title = draft.seoTitle || draft.title;
  const description = draft.seoDescription || draft.excerpt || plainSummary(draft.markdown);
  return (
    <details className="panel" open>
      <summary>
        <h2>{t('seo.title')}</h2>
      </summary>
      <TextField
        label={t('field.slug')}
        name="slug"
        value={draft.slug}
        onChange={(slug) => change({ slug, slugByHand: true })}
        error={error}
        hint={t('seo.slugHint')}
        placeholder={slugify(draft.title)}
      />
      <p className="hint slug-note" role="status">
        {note}
      </p>
      <TextField
        label={t('seo.seoTitle')}
        name="seoTitle"
        value={draft.seoTitle}
        onChange={(seoTitle) => change({ seoTitle })}
        error={error}
        counter={{ length: draft.seoTitle.length, max: SEO_TITLE_MAX }}
        placeholder={draft.title}
      />
      <TextArea
        label={t('seo.seoDescription')}
        name="seoDescription"
        value={draft.seoDescription}
        onChange={(seoDescription) => change({ seoDescription })}
        error={error}
        counter={{ length: draft.seoDescription.length, max: SEO_DESCRIPTION_MAX }}
        rows={3}
      />
      <TextArea label={t('seo.excerpt')} name="excerpt" value={draft.excerpt} onChange={(excerpt) => change({ excerpt })} error={error} rows={2} hint={t('seo.excerptHint')} />
      <figure className="serp" aria-labelledby="serp-caption">
        <figcaption id="serp-caption">{t('seo.preview')}</figcaption>
        <div className="serp-result">
          <p className="serp-url">{url}</p>
          <p className="serp-title">{truncate(title || t('post.untitled'), SEO_TITLE_MAX)}</p>
          <p className="serp-description">{truncate(description, SEO_DESCRIPTION_MAX)}</p>
        </div>
      </figure>
    </details>
  );
}
