import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The passkey routes' schemas: what the browser sends (WebAuthn's JSON forms of a registration
 * and of an assertion, as `PublicKeyCredential.toJSON()` and @simplewebauthn/browser give them),
 * and what the API answers. Our own bodies refuse unknown fields; the browser's objects inside
 * them accept fields added by later WebAuthn levels, which the verification simply ignores.
 */

/** Unpadded base64url, as WebAuthn's JSON forms write binary values. */
function Base64Url(maxLength: number, description?: string) {
  return Type.String({ pattern: '^[A-Za-z0-9_-]+$', minLength: 1, maxLength, ...(description ? { description } : {}) });
}
function Browser<T extends Record<string, TSchema>>(properties: T, description: string) {
  return Type.Object(properties, { additionalProperties: true, description });
}

// A credential id is at most 1023 bytes (WebAuthn §5.1); attestation certificates make the attestation object the largest field.
const CredentialId = Base64Url(1400, 'The credential id');
const Transports = Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 });
const ClientExtensionResults = Type.Object({}, { additionalProperties: true });
const Attachment = Type.Optional(Type.Union([Type.Literal('platform'), Type.Literal('cross-platform')]));

export const RegistrationResponseSchema = Browser(
  {
    id: CredentialId,
    rawId: CredentialId,
    response: Browser(
      {
        clientDataJSON: Base64Url(4096),
        attestationObject: Base64Url(65536),
        authenticatorData: Type.Optional(Base64Url(65536)),
        transports: Type.Optional(Transports),
        publicKeyAlgorithm: Type.Optional(Type.Integer()),
        publicKey: Type.Optional(Base64Url(8192)),
      },
      'AuthenticatorAttestationResponseJSON',
    ),
    authenticatorAttachment: Attachment,
    clientExtensionResults: ClientExtensionResults,
    type: Type.Literal('public-key'),
  },
  'RegistrationResponseJSON: what navigator.credentials.create() gave, in its JSON form',
);

export const AuthenticationResponseSchema = Browser(
  {
    id: CredentialId,
    rawId: CredentialId,
    response: Browser(
      {
        clientDataJSON: Base64Url(4096),
        authenticatorData: Base64Url(8192),
        signature: Base64Url(8192),
        userHandle: Type.Optional(Base64Url(128)),
      },
      'AuthenticatorAssertionResponseJSON',
    ),
    authenticatorAttachment: Attachment,
    clientExtensionResults: ClientExtensionResults,
    type: Type.Literal('public-key'),
  },
  'AuthenticationResponseJSON: what navigator.credentials.get() gave, in its JSON form',
);

export const AddPasskeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'What the person calls the device, e.g. "Téléphone de Claire"' }),
    response: RegistrationResponseSchema,
  },
  { additionalProperties: false },
);
export type AddPasskeyBody = Static<typeof AddPasskeyBody>;

export const PasskeySignInBody = Type.Object(
  {
    challengeId: Type.String({ minLength: 1, maxLength: 100, description: 'The `challengeId` of `POST /session/passkey/options`' }),
    response: AuthenticationResponseSchema,
  },
  { additionalProperties: false },
);
export type PasskeySignInBody = Static<typeof PasskeySignInBody>;

export const PasskeyParams = Type.Object({ id: CredentialId }, { additionalProperties: false });

export const PasskeySchema = Type.Object({
  id: Type.String({ description: 'The credential id (base64url)' }),
  name: Type.String(),
  transports: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type PasskeyView = Static<typeof PasskeySchema>;

const CredentialDescriptor = Type.Object({ id: Type.String(), type: Type.Literal('public-key'), transports: Type.Optional(Transports) });

/** Answers keep every field the library writes: a field left out of a response schema would be dropped. */
export const CreationOptionsSchema = Browser(
  {
    challenge: Type.String(),
    rp: Browser({ name: Type.String(), id: Type.String() }, 'The site: its title and host name'),
    user: Browser({ id: Type.String(), name: Type.String(), displayName: Type.String() }, 'The account (id: an opaque handle)'),
    pubKeyCredParams: Type.Array(Type.Object({ alg: Type.Integer(), type: Type.Literal('public-key') })),
    timeout: Type.Optional(Type.Integer()),
    attestation: Type.Optional(Type.String()),
    excludeCredentials: Type.Optional(Type.Array(CredentialDescriptor, { description: 'The account’s passkeys: one device is not registered twice' })),
    authenticatorSelection: Type.Optional(Type.Object({}, { additionalProperties: true })),
    extensions: Type.Optional(Type.Object({}, { additionalProperties: true })),
    hints: Type.Optional(Type.Array(Type.String())),
  },
  'PublicKeyCredentialCreationOptionsJSON, for navigator.credentials.create() (or @simplewebauthn/browser’s startRegistration)',
);

export const RequestOptionsSchema = Browser(
  {
    challengeId: Type.String({ description: 'Sent back with the response: the challenge is used once, within five minutes' }),
    challenge: Type.String(),
    rpId: Type.Optional(Type.String()),
    timeout: Type.Optional(Type.Integer()),
    allowCredentials: Type.Optional(Type.Array(CredentialDescriptor, { description: 'Empty: the authenticator offers the passkeys it holds for the site' })),
    userVerification: Type.Optional(Type.String()),
    hints: Type.Optional(Type.Array(Type.String())),
    extensions: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  'PublicKeyCredentialRequestOptionsJSON, for navigator.credentials.get() (or @simplewebauthn/browser’s startAuthentication), with the challenge’s id',
);
