import { useId } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/** The article's Markdown source. */
export function BodyField({ markdown, onChange }: { markdown: string; onChange(markdown: string): void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field body-field">
      <label htmlFor={id}>{t('editor.body')}</label>
      <textarea id={id} name="markdown" value={markdown} onChange={(event) => onChange(event.target.value)} rows={24} spellCheck />
    </div>
  );
}
