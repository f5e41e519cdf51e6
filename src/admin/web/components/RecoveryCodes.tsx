import { useI18n } from '../i18n/i18n.tsx';

/** Ten single-use codes, shown once: the person copies or prints them before going on. */
export function RecoveryCodes({ codes }: { codes: readonly string[] }) {
  const { t } = useI18n();
  const text = codes.join('\n');
  return (
    <section className="recovery-codes" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title">{t('recovery.title')}</h2>
      <p>{t('recovery.intro')}</p>
      <ol className="codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="buttons">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(text)}>
          {t('recovery.copy')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('recovery.print')}
        </button>
      </div>
    </section>
  );
}
