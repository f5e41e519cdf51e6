import type { ApiError } from '../lib/api.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The sentence to show for an error: the API's own, or ours when the API could not be reached. */
export function useErrorSentence(): (error: ApiError) => string {
  const { t } = useI18n();
  return (error) => {
    if (error.code === 'network') return t('error.network');
    if (error.message) return error.message;
    return error.status ? t('error.status', { status: error.status }) : t('error.unknown');
  };
}

/** An error of a whole screen or form, announced when it appears. */
export function ErrorMessage({ error }: { error: ApiError | null }) {
  const sentence = useErrorSentence();
  if (!error) return null;
  return (
    <p className="message message-error" role="alert">
      {sentence(error)}
    </p>
  );
}

/** An error that belongs to no field of the form (the field errors show beside their fields). */
export function FormError({ error, fields }: { error: ApiError | null; fields: readonly string[] }) {
  if (!error || (error.field && fields.some((name) => fieldMatches(error.field, name)))) return null;
  return <ErrorMessage error={error} />;
}

/** The API names a field by its JSON path (`seoTitle`, `image.alt`); a form field matches its last part. */
export function fieldMatches(field: string | undefined, name: string): boolean {
  if (!field) return false;
  return field === name || field.endsWith('.' + name) || field.startsWith(name + '.');
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

export function Notice({ children }: { children: string }) {
  return (
    <p className="message message-ok" role="status">
      {children}
    </p>
  );
}
