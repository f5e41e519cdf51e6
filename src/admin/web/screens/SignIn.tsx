import { useState, type FormEvent } from 'react';
import { FormError, useErrorSentence } from '../components/Feedback.tsx';
import { SubmitButton, TextField } from '../components/Fields.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, ApiError, setCsrfToken } from '../lib/api.ts';
import { isCeremonyCancelled, passkeysSupported, signInWithPasskey } from '../lib/passkeys.ts';
import { navigate, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useAction } from '../lib/use-api.ts';

/** Password, then the second factor when the API asks for it; or a passkey alone. */
export function SignIn() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const { search } = useLocation();
  const sentence = useErrorSentence();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [codeStep, setCodeStep] = useState(false);

  const enter = async (answer: { csrfToken?: string }) => {
    setCsrfToken(answer.csrfToken ?? null);
    await refresh();
    const next = search.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };

  const passwordSignIn = useAction(async () => {
    try {
      await enter(await api.post('/session', codeStep ? { email, password, otp: otp.replace(/\s/g, '') } : { email, password }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'otp_required' && !codeStep) {
        setCodeStep(true);
        return;
      }
      throw error;
    }
  });

  const passkeySignIn = useAction(async () => {
    try {
      await enter(await signInWithPasskey<{ csrfToken?: string }>());
    } catch (error) {
      if (isCeremonyCancelled(error)) throw new ApiError(0, 'cancelled', t('passkey.cancelled'));
      throw error;
    }
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void passwordSignIn.run();
  };

  const error = passwordSignIn.error;
  return (
    <div className="narrow">
      <Screen title={t('signIn.title')}>
        <form onSubmit={submit} noValidate>
          <FormError error={error} fields={codeStep ? ['otp'] : ['email', 'password']} />
          {codeStep ? (
            <>
              <p>{t('signIn.codeIntro')}</p>
              <TextField
                label={t('signIn.code')}
                name="otp"
                value={otp}
                onChange={setOtp}
                error={error}
                autoComplete="one-time-code"
                inputMode="text"
                autoFocus
                required
                hint={t('signIn.codeHint')}
              />
              <div className="buttons">
                <SubmitButton busy={passwordSignIn.busy}>{t('signIn.verify')}</SubmitButton>
                <button type="button" onClick={() => (setCodeStep(false), setOtp(''))}>
                  {t('app.back')}
                </button>
              </div>
            </>
          ) : (
            <>
              <TextField label={t('field.email')} name="email" type="email" value={email} onChange={setEmail} error={error} autoComplete="username" required />
              <TextField label={t('field.password')} name="password" type="password" value={password} onChange={setPassword} error={error} autoComplete="current-password" required />
              <SubmitButton busy={passwordSignIn.busy}>{t('signIn.submit')}</SubmitButton>
            </>
          )}
        </form>
        {passkeysSupported() && !codeStep && (
          <section className="alternative" aria-labelledby="passkey-title">
            <h2 id="passkey-title">{t('signIn.passkeyTitle')}</h2>
            <button type="button" onClick={() => void passkeySignIn.run()} disabled={passkeySignIn.busy}>
              {t('signIn.passkey')}
            </button>
            {passkeySignIn.error && (
              <p className="message message-error" role="alert">
                {sentence(passkeySignIn.error)}
              </p>
            )}
          </section>
        )}
      </Screen>
    </div>
  );
}
