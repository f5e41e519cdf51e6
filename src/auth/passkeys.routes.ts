import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KiosqueError } from '../errors.ts';
import '../http/route-docs.ts';
import { recordAudit } from './audit.service.ts';
import { requireActor } from './auth.hooks.ts';
import type { Actor } from './auth.policy.ts';
import { SessionAnswerSchema } from './auth.presenters.ts';
import type { AuthRouteDeps } from './auth.routes.ts';
import {
  AddPasskeyBody,
  CreationOptionsSchema,
  PasskeyParams,
  PasskeySchema,
  PasskeySignInBody,
  RequestOptionsSchema,
} from './passkeys.schemas.ts';
import { addPasskey, listPasskeys, removePasskey, signInWithPasskey, startPasskeyRegistration, startPasskeySignIn, type RelyingParty } from './passkeys.service.ts';
import { openSession } from './session.routes.ts';
import { upgradeSession } from './sessions.service.ts';
import { findUserById } from './users.service.ts';

/**
 * The site as the browser reached it: the RP ID is the host name (without port), the expected
 * origin the protocol and host the request came to (through nginx: X-Forwarded-Proto and -Host,
 * trusted like the client's address). A passkey made on one host name does not work on another.
 */
export function relyingPartyOf(request: FastifyRequest, siteTitle: string): RelyingParty {
  let url: URL | undefined;
  try {
    url = new URL(`${request.protocol}://${request.host}`);
  } catch {
    url = undefined;
  }
  if (!url || url.hostname === '' || url.pathname !== '/' || url.search !== '' || url.username !== '') {
    throw new KiosqueError('invalid_request', { field: 'host', detail: 'is not a host name' });
  }
  return { id: url.hostname, name: siteTitle, origin: url.origin };
}

/** The person at the keyboard, also while their session still owes a second factor (a passkey is one); never an API token. */
function passkeyOwner(request: FastifyRequest): Actor {
  const actor = requireActor(request, { allowSecondFactorPending: true });
  if (actor.via !== 'session') throw new KiosqueError('forbidden');
  return actor;
}

export async function passkeysRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const { db } = deps;
  const rp = (request: FastifyRequest) => relyingPartyOf(request, deps.settings.current.title);

  app.post('/account/passkeys/options', {
    schema: {
      tags: ['account'],
      summary: 'Start adding a passkey to one’s account: the options for navigator.credentials.create(), valid five minutes',
      response: { 200: CreationOptionsSchema },
    },
    handler: async (request) => {
      const actor = passkeyOwner(request);
      const user = await findUserById(db, actor.userId);
      if (!user) throw new KiosqueError('unauthenticated');
      return startPasskeyRegistration(db, user, rp(request), deps.now());
    },
  });

  app.post<{ Body: AddPasskeyBody }>('/account/passkeys', {
    schema: {
      tags: ['account'],
      summary: 'Add the passkey the authenticator just made; for a new administrator or editor, it is their second factor',
      description: '400 `invalid_request` (field `response`) when the answer does not match the request in progress or the site; 409 `conflict` for a passkey registered already.',
      body: AddPasskeyBody,
      response: { 201: PasskeySchema },
    },
    handler: async (request, reply) => {
      const actor = passkeyOwner(request);
      const passkey = await addPasskey(db, actor.userId, request.body, rp(request), deps.now());
      // The authenticator just verified its holder: the session no longer owes a second factor.
      if (request.adminSession?.secondFactorPending) await upgradeSession(db, request.adminSession.id, 'passkey');
      await recordAudit(db.kysely, { actor, action: 'passkey.add', targetType: 'user', targetId: actor.userId, ip: request.ip, details: { name: passkey.name } });
      return reply.code(201).send(passkey);
    },
  });

  app.get('/account/passkeys', {
    schema: { tags: ['account'], summary: 'One’s passkeys, oldest first', response: { 200: Type.Object({ passkeys: Type.Array(PasskeySchema) }) } },
    handler: async (request) => {
      const actor = passkeyOwner(request);
      return { passkeys: await listPasskeys(db, actor.userId) };
    },
  });

  app.delete<{ Params: Static<typeof PasskeyParams> }>('/account/passkeys/:id', {
    schema: {
      tags: ['account'],
      summary: 'Remove one of one’s passkeys (refused when it is the only second factor of a role that needs one)',
      description: '403 `second_factor_required` for the last second factor of an administrator or editor.',
      params: PasskeyParams,
    },
    handler: async (request, reply) => {
      const actor = passkeyOwner(request);
      const removed = await removePasskey(db, actor.userId, request.params.id, deps.now());
      if (!removed) throw new KiosqueError('not_found', { what: 'passkey' });
      await recordAudit(db.kysely, { actor, action: 'passkey.remove', targetType: 'user', targetId: actor.userId, ip: request.ip, details: { name: removed.name } });
      return reply.code(204).send();
    },
  });

  app.post('/session/passkey/options', {
    schema: {
      tags: ['session'],
      summary: 'Start signing in with a passkey: the options for navigator.credentials.get() and the challenge’s id',
      description: '429 `too_many_attempts` with Retry-After while the address is held back.',
      response: { 200: RequestOptionsSchema },
    },
    handler: async (request) => {
      const { challengeId, options } = await startPasskeySignIn(db, rp(request), request.ip, deps.now());
      return { ...options, challengeId };
    },
  });

  app.post<{ Body: Static<typeof PasskeySignInBody> }>('/session/passkey', {
    schema: {
      tags: ['session'],
      summary: 'Sign in with a passkey; it proves the second factor too',
      description:
        'Answers like `POST /session`. 401 `passkey_rejected` for an unknown passkey, a wrong signature, or a challenge used, expired or unknown; 429 `too_many_attempts` with Retry-After.',
      body: PasskeySignInBody,
      response: { 200: SessionAnswerSchema },
    },
    handler: async (request, reply) => {
      const user = await signInWithPasskey(db, { ...request.body, ip: request.ip }, rp(request), deps.now());
      return openSession(deps, request, reply, user, 'passkey');
    },
  });
}
