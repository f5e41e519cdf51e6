import { useState, type FormEvent } from 'react';
import { ErrorMessage, FormError, Loading } from '../components/Feedback.tsx';
import { SelectField, SubmitButton, TextField } from '../components/Fields.tsx';
import { Screen } from '../components/Screen.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api } from '../lib/api.ts';
import type { Role } from '../lib/session.tsx';
import { listOf } from '../lib/types.ts';
import { useAction, useApi } from '../lib/use-api.ts';
import { roleLabel } from './Invite.tsx';
import { useRoleOptions } from './Users.tsx';

interface ApiToken {
  id: number;
  name: string;
  role: Role;
  createdAt?: string;
  lastUsedAt?: string | null;
}

/** Tokens for integrations (`Authorization: Bearer …`), each capped at a role; shown once. */
export function Tokens() {
  const { t, dateTime } = useI18n();
  const roles = useRoleOptions();
  const tokens = useApi(() => api.get<unknown>('/tokens'), 'tokens');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('author');
  const [secret, setSecret] = useState<string | null>(null);
  const create = useAction(async () => {
    const answer = await api.post<{ token: string }>('/tokens', { name, role });
    setSecret(answer.token);
    setName('');
    tokens.reload();
  });
  const revoke = useAction(async (token: ApiToken) => {
    if (!window.confirm(t('tokens.confirmRevoke', { name: token.name }))) return;
    await api.delete(`/tokens/${token.id}`);
    tokens.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    void create.run();
  };
  const list = listOf<ApiToken>(tokens.data, 'tokens');
  return (
    <Screen title={t('tokens.title')}>
      <form onSubmit={submit} className="card" aria-labelledby="token-new" noValidate>
        <h2 id="token-new">{t('tokens.new')}</h2>
        <FormError error={create.error} fields={['name', 'role']} />
        <TextField label={t('field.name')} name="name" value={name} onChange={setName} error={create.error} required hint={t('tokens.nameHint')} />
        <SelectField label={t('field.role')} name="role" value={role} onChange={(value) => setRole(value as Role)} options={roles} error={create.error} />
        <SubmitButton busy={create.busy}>{t('tokens.create')}</SubmitButton>
        {secret && (
          <div className="message message-ok" role="status">
            <p>{t('tokens.shownOnce')}</p>
            <code className="secret-value">{secret}</code>
          </div>
        )}
      </form>
      {tokens.loading && !tokens.data ? (
        <Loading />
      ) : tokens.error ? (
        <ErrorMessage error={tokens.error} />
      ) : list.length === 0 ? (
        <p>{t('tokens.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t('tokens.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('field.role')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('app.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{t(roleLabel(token.role))}</td>
                  <td>{token.lastUsedAt ? dateTime(token.lastUsedAt) : t('users.never')}</td>
                  <td>
                    <button type="button" className="danger" onClick={() => void revoke.run(token)} aria-label={t('tokens.revokeNamed', { name: token.name })}>
                      {t('users.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={revoke.error} />
    </Screen>
  );
}
