import { useState, type FormEvent } from 'react';
import { ErrorMessage, FormError, Loading, Notice } from '../components/Feedback.tsx';
import { SelectField, SubmitButton, TextField } from '../components/Fields.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import { ROLES, useUser, type Role } from '../lib/session.tsx';
import { listOf } from '../lib/types.ts';
import { useAction, useApi } from '../lib/use-api.ts';
import { roleLabel } from './Invite.tsx';

interface StaffMember {
  id: number;
  email: string;
  name: string;
  role: Role;
  suspended?: boolean;
  suspendedAt?: string | null;
  lastSignInAt?: string | null;
}

interface Invitation {
  id: number;
  email: string;
  role: Role;
  expiresAt: string;
  url?: string;
}

export function useRoleOptions() {
  const { t } = useI18n();
  return ROLES.map((role) => ({ value: role, label: t(roleLabel(role)) }));
}

function UserRow({ member, onChanged }: { member: StaffMember; onChanged(): void }) {
  const { t, dateTime } = useI18n();
  const me = useUser();
  const roles = useRoleOptions();
  const suspended = member.suspended ?? Boolean(member.suspendedAt);
  const change = useAction(async (changes: { role?: Role; suspended?: boolean }) => {
    await api.patch(`/users/${member.id}`, changes);
    onChanged();
  });
  return (
    <tr>
      <td>{member.name}</td>
      <td>{member.email}</td>
      <td>
        <SelectField
          label={t('users.roleOf', { name: member.name })}
          name="role"
          value={member.role}
          onChange={(role) => void change.run({ role: role as Role })}
          options={roles}
          disabled={member.id === me.id}
          error={change.error}
        />
      </td>
      <td>{member.lastSignInAt ? dateTime(member.lastSignInAt) : t('users.never')}</td>
      <td>
        {member.id !== me.id && (
          <button type="button" onClick={() => void change.run({ suspended: !suspended })} disabled={change.busy}>
            {suspended ? t('users.reinstate') : t('users.suspend')}
          </button>
        )}
        <FormError error={change.error} fields={['role']} />
      </td>
    </tr>
  );
}

function InvitationForm({ onInvited }: { onInvited(): void }) {
  const { t } = useI18n();
  const roles = useRoleOptions();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('author');
  const [link, setLink] = useState<string | null>(null);
  const invite = useAction(async () => {
    const answer = await api.post<{ url: string }>('/invitations', { email, role });
    setLink(answer.url);
    setEmail('');
    onInvited();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLink(null);
    void invite.run();
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="invite-title" noValidate>
      <h2 id="invite-title">{t('users.invite')}</h2>
      <FormError error={invite.error} fields={['email', 'role']} />
      <TextField label={t('field.email')} name="email" type="email" value={email} onChange={setEmail} error={invite.error} required />
      <SelectField label={t('field.role')} name="role" value={role} onChange={(value) => setRole(value as Role)} options={roles} error={invite.error} />
      <SubmitButton busy={invite.busy}>{t('users.inviteSubmit')}</SubmitButton>
      {link && (
        <div className="message message-ok" role="status">
          <p>{t('users.invitationLink')}</p>
          <code className="secret-value">{link}</code>
        </div>
      )}
    </form>
  );
}

/** Staff accounts and their roles, and the invitations still open. */
export function Users() {
  const { t, dateTime } = useI18n();
  const users = useApi(() => api.get<unknown>('/users'), 'users');
  const invitations = useApi(() => api.get<unknown>('/invitations'), 'invitations');
  const [revoked, setRevoked] = useState(false);
  const revoke = useAction(async (id: number) => {
    await api.delete(`/invitations/${id}`);
    setRevoked(true);
    invitations.reload();
  });
  const userList = listOf<StaffMember>(users.data, 'users');
  const invitationList = listOf<Invitation>(invitations.data, 'invitations');
  return (
    <Screen title={t('users.title')}>
      {users.loading && !users.data ? (
        <Loading />
      ) : users.error ? (
        <ErrorMessage error={users.error} />
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('field.email')}</th>
                <th scope="col">{t('field.role')}</th>
                <th scope="col">{t('users.lastSignIn')}</th>
                <th scope="col">{t('app.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {userList.map((member) => (
                <UserRow key={member.id} member={member} onChanged={users.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <InvitationForm onInvited={invitations.reload} />
      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t('users.invitations')}</h2>
        {invitations.error ? (
          <ErrorMessage error={invitations.error} />
        ) : invitationList.length === 0 ? (
          <p>{t('users.noInvitations')}</p>
        ) : (
          <ul className="plain-list">
            {invitationList.map((invitation) => (
              <li key={invitation.id}>
                {t('users.invitationLine', { email: invitation.email, role: t(roleLabel(invitation.role)), date: dateTime(invitation.expiresAt) })}{' '}
                <button type="button" className="danger" onClick={() => void revoke.run(invitation.id)}>
                  {t('users.revoke')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <ErrorMessage error={revoke.error} />
        {revoked && <Notice>{t('users.revoked')}</Notice>}
      </section>
    </Screen>
  );
}
