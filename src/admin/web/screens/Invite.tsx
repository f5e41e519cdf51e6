import { useState, type FormEvent } from 'react';
import { ErrorMessage, FormError, Loading } from '../components/Feedback.tsx';
import { SubmitButton, TextField } from '../components/Fields.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { api, setCsrfToken } from '../lib/api.ts';
import { navigate } from '../lib/router.tsx';
import { useSession, type Role } from '../lib/session.tsx';
import { useAction, useApi } from '../lib/use-api.ts';
import { PASSWORD_MIN_LENGTH, tokenFromHash } from './Setup.tsx';

export function roleLabel(role: Role): MessageKey {
  return `role.${role}`;
}

/** A staff member joins from an invitation link: their name and password, then the newsroom. */
export function Invite() {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [token] = useState(tokenFromHash);
  const invitation = useApi(() => api.get<{ email: string; role: Role }>('/invitations/' + encodeURIComponent(token)), token);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useAction(async () => {
    const answer = await api.post<{ csrfToken?: string }>(`/invitations/${encodeURIComponent(token)}/accept`, { name, password });
    if (answer?.csrfToken) setCsrfToken(answer.csrfToken);
    const session = await refresh();
    if (session && !session.secondFactorPending) navigate('/', { replace: true });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void accept.run();
  };

  return (
    <div className="narrow">
      <Screen title={t('invite.title')}>
        {!token ? (
          <p className="message message-error" role="alert">
            {t('invite.noToken')}
          </p>
        ) : invitation.loading ? (
          <Loading />
        ) : invitation.error || !invitation.data ? (
          <ErrorMessage error={invitation.error} />
        ) : (
          <form onSubmit={submit} noValidate>
            <p>{t('invite.intro', { email: invitation.data.email, role: t(roleLabel(invitation.data.role)) })}</p>
            <FormError error={accept.error} fields={['name', 'password']} />
            <TextField label={t('field.name')} name="name" value={name} onChange={setName} error={accept.error} autoComplete="name" required />
            <TextField
              label={t('field.password')}
              name="password"
              type="password"
              value={password}
              onChange={setPassword}
              error={accept.error}
              autoComplete="new-password"
              minLength={PASSWORD_MIN_LENGTH}
              required
              hint={t('field.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            />
            <SubmitButton busy={accept.busy}>{t('invite.submit')}</SubmitButton>
          </form>
        )}
      </Screen>
    </div>
  );
}
