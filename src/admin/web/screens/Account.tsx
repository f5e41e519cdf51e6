import { useState, type FormEvent } from 'react';
import { ErrorMessage, FormError, Loading, Notice } from '../components/Feedback.tsx';
import { SubmitButton, TextField } from '../components/Fields.tsx';
import { RecoveryCodes } from '../components/RecoveryCodes.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { navigate } from '../lib/router.tsx';
import { useSession, useUser } from '../lib/session.tsx';
import { listOf } from '../lib/types.ts';
import { useAction, useApi } from '../lib/use-api.ts';
import { roleLabel } from './Invite.tsx';
import { PasskeyEnrolment, TotpEnrolment } from './SecondFactor.tsx';
import { PASSWORD_MIN_LENGTH } from './Setup.tsx';

interface Passkey {
  id: string;
  name: string;
  createdAt?: string;
  lastUsedAt?: string | null;
}

interface SessionEntry {
  id: string;
  current: boolean;
  method: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
}

const SIGN_IN_METHODS: Record<string, MessageKey> = {
  password: 'method.password',
  'password+totp': 'method.passwordTotp',
  'recovery-code': 'method.recoveryCode',
  passkey: 'method.passkey',
  setup: 'method.setup',
  invitation: 'method.invitation',
};

function PasswordSection() {
  const { t } = useI18n();
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const change = useAction(async () => {
    await api.put('/account/password', { currentPassword, password });
    setCurrentPassword('');
    setPassword('');
    setDone(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    void change.run();
  };
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('account.password')}</h2>
      <form onSubmit={submit} noValidate>
        <FormError error={change.error} fields={['currentPassword', 'password']} />
        <TextField label={t('account.currentPassword')} name="currentPassword" type="password" value={currentPassword} onChange={setCurrentPassword} error={change.error} autoComplete="current-password" />
        <TextField
          label={t('account.newPassword')}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          error={change.error}
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          hint={t('field.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        />
        <SubmitButton busy={change.busy}>{t('account.changePassword')}</SubmitButton>
        {done && <Notice>{t('account.passwordChanged')}</Notice>}
      </form>
    </section>
  );
}

function TotpSection({ onCodes }: { onCodes(codes: string[]): void }) {
  const { t } = useI18n();
  const user = useUser();
  const { refresh } = useSession();
  const [enrolling, setEnrolling] = useState(false);
  const disable = useAction(async () => {
    if (!window.confirm(t('account.confirmTotpOff'))) return;
    await api.delete('/account/totp');
    await refresh();
  });
  return (
    <section className="card" aria-labelledby="totp-title">
      <h2 id="totp-title">{t('account.totp')}</h2>
      {user.secondFactors.totp ? (
        <>
          <p>{t('account.totpOn')}</p>
          <button type="button" className="danger" onClick={() => void disable.run()}>
            {t('account.totpOff')}
          </button>
          <ErrorMessage error={disable.error} />
        </>
      ) : enrolling ? (
        <TotpEnrolment onEnrolled={(codes) => (setEnrolling(false), onCodes(codes), void refresh())} />
      ) : (
        <>
          <p>{t('account.totpNone')}</p>
          <button type="button" onClick={() => setEnrolling(true)}>
            {t('account.enableTotp')}
          </button>
        </>
      )}
    </section>
  );
}

function PasskeysSection() {
  const { t, dateTime } = useI18n();
  const { refresh } = useSession();
  const passkeys = useApi(() => api.get<unknown>('/account/passkeys'), 'passkeys');
  const [adding, setAdding] = useState(false);
  const remove = useAction(async (passkey: Passkey) => {
    if (!window.confirm(t('account.confirmPasskeyRemove', { name: passkey.name }))) return;
    await api.delete(`/account/passkeys/${encodeURIComponent(passkey.id)}`);
    passkeys.reload();
    await refresh();
  });
  const list = listOf<Passkey>(passkeys.data, 'passkeys');
  return (
    <section className="card" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('account.passkeys')}</h2>
      {passkeys.loading && !passkeys.data ? (
        <Loading />
      ) : passkeys.error ? (
        <ErrorMessage error={passkeys.error} />
      ) : list.length === 0 ? (
        <p>{t('account.noPasskeys')}</p>
      ) : (
        <ul className="plain-list">
          {list.map((passkey) => (
            <li key={passkey.id}>
              <strong>{passkey.name}</strong> {passkey.createdAt && t('account.addedOn', { date: dateTime(passkey.createdAt) })}{' '}
              <button type="button" className="danger" onClick={() => void remove.run(passkey)} aria-label={t('account.removeNamed', { name: passkey.name })}>
                {t('app.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={remove.error} />
      {adding ? (
        <PasskeyEnrolment withRecoveryCodes={false} onEnrolled={() => (setAdding(false), passkeys.reload(), void refresh())} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('account.addPasskey')}
        </button>
      )}
    </section>
  );
}

function RecoveryCodesSection({ onCodes }: { onCodes(codes: string[]): void }) {
  const { t } = useI18n();
  const user = useUser();
  const { refresh } = useSession();
  const renew = useAction(async () => {
    if (!window.confirm(t('account.confirmNewCodes'))) return;
    const answer = await api.post<{ recoveryCodes: string[] }>('/account/recovery-codes');
    onCodes(answer.recoveryCodes ?? []);
    await refresh();
  });
  return (
    <section className="card" aria-labelledby="codes-title">
      <h2 id="codes-title">{t('recovery.title')}</h2>
      <p>{t('account.codesLeft', { count: user.secondFactors.recoveryCodesLeft })}</p>
      <button type="button" onClick={() => void renew.run()} disabled={renew.busy}>
        {t('account.newCodes')}
      </button>
      <ErrorMessage error={renew.error} />
    </section>
  );
}

function SessionsSection() {
  const { t, dateTime } = useI18n();
  const { refresh } = useSession();
  const sessions = useApi(() => api.get<unknown>('/account/sessions'), 'sessions');
  const end = useAction(async (id: string) => {
    await api.delete(`/account/sessions/${encodeURIComponent(id)}`);
    sessions.reload();
  });
  const everywhere = useAction(async () => {
    if (!window.confirm(t('account.confirmEverywhere'))) return;
    await api.delete('/account/sessions');
    if (!(await refresh())) navigate('/sign-in', { replace: true });
    else sessions.reload();
  });
  const list = listOf<SessionEntry>(sessions.data, 'sessions');
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('account.sessions')}</h2>
      {sessions.loading && !sessions.data ? (
        <Loading />
      ) : sessions.error ? (
        <ErrorMessage error={sessions.error} />
      ) : (
        <ul className="plain-list sessions">
          {list.map((session) => (
            <li key={session.id}>
              <strong>{session.userAgent || t('account.unknownDevice')}</strong>
              {session.current && <span className="badge">{t('account.thisSession')}</span>}
              <br />
              {t('account.sessionLine', { ip: session.ip ?? '?', method: SIGN_IN_METHODS[session.method] ? t(SIGN_IN_METHODS[session.method]!) : session.method, since: dateTime(session.createdAt), seen: dateTime(session.lastSeenAt) })}
              {!session.current && (
                <button type="button" onClick={() => void end.run(session.id)}>
                  {t('account.endSession')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={end.error ?? everywhere.error} />
      <button type="button" className="danger" onClick={() => void everywhere.run()}>
        {t('account.signOutEverywhere')}
      </button>
    </section>
  );
}

/** One's own account: password, second factors, recovery codes and open sessions. */
export function Account() {
  const { t } = useI18n();
  const user = useUser();
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <Screen title={t('account.title')}>
      <p>{t('account.who', { name: user.name, email: user.email, role: t(roleLabel(user.role)) })}</p>
      {codes && codes.length > 0 && (
        <div className="card">
          <RecoveryCodes codes={codes} />
          <button type="button" onClick={() => setCodes(null)}>
            {t('recovery.saved')}
          </button>
        </div>
      )}
      <div className="account-grid">
        <PasswordSection />
        <TotpSection onCodes={setCodes} />
        <PasskeysSection />
        <RecoveryCodesSection onCodes={setCodes} />
        <SessionsSection />
      </div>
    </Screen>
  );
}
