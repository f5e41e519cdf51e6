import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage, FormError, Loading } from '../components/Feedback.tsx';
import { SubmitButton, TextField } from '../components/Fields.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { RecoveryCodes } from '../components/RecoveryCodes.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, ApiError } from '../lib/api.ts';
import { isCeremonyCancelled, passkeysSupported, registerPasskey } from '../lib/passkeys.ts';
import { useAction, useApi } from '../lib/use-api.ts';

interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
}

/** The secret in groups of four, as authenticator apps show it when typed by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * TOTP enrolment: the secret to add to an authenticator app, then a code from it to confirm;
 * the answer is the ten recovery codes.
 */
export function TotpEnrolment({ onEnrolled }: { onEnrolled(recoveryCodes: string[]): void }) {
  const { t } = useI18n();
  const enrolment = useApi(() => api.post<TotpEnrolment>('/account/totp'), 'totp');
  const [code, setCode] = useState('');
  const confirm = useAction(async () => {
    const answer = await api.post<{ recoveryCodes: string[] }>('/account/totp/confirm', { code: code.replace(/\s/g, '') });
    onEnrolled(answer.recoveryCodes ?? []);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void confirm.run();
  };
  if (enrolment.loading) return <Loading />;
  if (enrolment.error || !enrolment.data) return <ErrorMessage error={enrolment.error} />;
  const { secret, otpauthUrl } = enrolment.data;
  return (
    <form onSubmit={submit} noValidate className="totp-enrolment">
      <ol className="steps">
        <li>
          <p>{t('totp.stepApp')}</p>
          <QrCode text={otpauthUrl} label={t('totp.qr')} />
          <p className="secret">
            <span>{t('totp.secret')}</span> <code data-testid="totp-secret">{groupSecret(secret)}</code>
          </p>
          <p className="hint">
            {t('totp.linkIntro')} <a href={otpauthUrl}>{t('totp.link')}</a>
          </p>
          <details>
            <summary>{t('totp.showUrl')}</summary>
            <code className="otpauth-url" data-testid="otpauth-url">
              {otpauthUrl}
            </code>
          </details>
        </li>
        <li>
          <FormError error={confirm.error} fields={['code']} />
          <TextField label={t('totp.code')} name="code" value={code} onChange={setCode} error={confirm.error} autoComplete="one-time-code" inputMode="numeric" required />
        </li>
      </ol>
      <SubmitButton busy={confirm.busy}>{t('totp.confirm')}</SubmitButton>
    </form>
  );
}

/** Adds a passkey; recovery codes are made right after, for the day the device is lost. */
export function PasskeyEnrolment({ onEnrolled, withRecoveryCodes }: { onEnrolled(recoveryCodes: string[]): void; withRecoveryCodes: boolean }) {
  const { t } = useI18n();
  const [name, setName] = useState(t('passkey.defaultName'));
  const add = useAction(async () => {
    try {
      await registerPasskey(name.trim() || t('passkey.defaultName'));
    } catch (error) {
      if (isCeremonyCancelled(error)) throw new ApiError(0, 'cancelled', t('passkey.cancelled'));
      throw error;
    }
    const codes = withRecoveryCodes ? (await api.post<{ recoveryCodes: string[] }>('/account/recovery-codes')).recoveryCodes : [];
    onEnrolled(codes ?? []);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void add.run();
  };
  if (!passkeysSupported()) return <p className="message message-error">{t('passkey.unsupported')}</p>;
  return (
    <form onSubmit={submit} noValidate>
      <FormError error={add.error} fields={['name']} />
      <TextField label={t('passkey.name')} name="name" value={name} onChange={setName} error={add.error} hint={t('passkey.nameHint')} />
      <SubmitButton busy={add.busy}>{t('passkey.create')}</SubmitButton>
    </form>
  );
}

/**
 * Mandatory for administrators and editors before anything else opens: a TOTP app or a
 * passkey, then the ten recovery codes.
 */
export function SecondFactorScreen({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const [method, setMethod] = useState<'totp' | 'passkey'>('totp');
  const [codes, setCodes] = useState<string[] | null>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [codes]);
  if (codes) {
    return (
      <div className="narrow">
        <Screen title={t('secondFactor.doneTitle')}>
          {codes.length > 0 && <RecoveryCodes codes={codes} />}
          <button type="button" className="primary" onClick={onDone}>
            {t('secondFactor.continue')}
          </button>
        </Screen>
      </div>
    );
  }
  return (
    <div className="narrow">
      <Screen title={t('secondFactor.title')}>
        <p>{t('secondFactor.intro')}</p>
        {method === 'totp' ? (
          <>
            <TotpEnrolment onEnrolled={setCodes} />
            {passkeysSupported() && (
              <p className="alternative">
                <button type="button" onClick={() => setMethod('passkey')}>
                  {t('secondFactor.usePasskey')}
                </button>
              </p>
            )}
          </>
        ) : (
          <>
            <PasskeyEnrolment onEnrolled={setCodes} withRecoveryCodes />
            <p className="alternative">
              <button type="button" onClick={() => setMethod('totp')}>
                {t('secondFactor.useTotp')}
              </button>
            </p>
          </>
        )}
      </Screen>
    </div>
  );
}
