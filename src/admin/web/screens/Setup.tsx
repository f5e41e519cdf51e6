import { useState, type FormEvent } from 'react';
import { ErrorMessage, FormError, Loading } from '../components/Feedback.tsx';
import { SubmitButton, TextField } from '../components/Fields.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { useAction, useApi } from '../lib/use-api.ts';

/** The token of a one-time link travels in the address's fragment: it never reaches a server log. */
export function tokenFromHash(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, ''));
}

export const PASSWORD_MIN_LENGTH = 12;

/** The first administrator, from the one-time URL printed by the first `npm start`. */
export function Setup() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [token] = useState(tokenFromHash);
  const check = useApi(() => api.get<{ valid: boolean }>('/setup/' + encodeURIComponent(token)), token);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const create = useAction(async () => {
    await api.post('/setup', { token, email, name, password });
    // The session now exists, with its second factor still to enrol: the app shows that step next.
    await refresh();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };

  return (
    <div className="narrow">
      <Screen title={t('setup.title')}>
        {!token ? (
          <p className="message message-error" role="alert">
            {t('setup.noToken')}
          </p>
        ) : check.loading ? (
          <Loading />
        ) : check.error ? (
          <ErrorMessage error={check.error} />
        ) : (
          <form onSubmit={submit} noValidate>
            <p>{t('setup.intro')}</p>
            <FormError error={create.error} fields={['name', 'email', 'password']} />
            <TextField label={t('field.name')} name="name" value={name} onChange={setName} error={create.error} autoComplete="name" required />
            <TextField label={t('field.email')} name="email" type="email" value={email} onChange={setEmail} error={create.error} autoComplete="email" required />
            <TextField
              label={t('field.password')}
              name="password"
              type="password"
              value={password}
              onChange={setPassword}
              error={create.error}
              autoComplete="new-password"
              minLength={PASSWORD_MIN_LENGTH}
              required
              hint={t('field.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            />
            <SubmitButton busy={create.busy}>{t('setup.submit')}</SubmitButton>
          </form>
        )}
      </Screen>
    </div>
  );
}
