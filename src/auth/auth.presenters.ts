import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { Role } from '../db/schema.ts';
import { ROLES } from './auth.policy.ts';
import type { SecondFactors } from './users.service.ts';

/** What the Admin API shows of accounts and sessions: schemas (validation, OpenAPI) and the presenters that fill them. */

export const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));
function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

export const SecondFactorsSchema = Type.Object({ totp: Type.Boolean(), passkeys: Type.Integer(), recoveryCodesLeft: Type.Integer() });

export const SessionUserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  locale: Nullable(Type.String()),
  authorId: Type.Integer(),
  secondFactors: SecondFactorsSchema,
});
export type SessionUser = Static<typeof SessionUserSchema>;

export const SessionAnswerSchema = Type.Object({
  user: SessionUserSchema,
  /** Null for a request made with an API token, which has no session. */
  csrfToken: Nullable(Type.String()),
  secondFactorPending: Type.Boolean(),
});
export type SessionAnswer = Static<typeof SessionAnswerSchema>;

export function presentSessionUser(
  user: { id: number; email: string; name: string; role: Role; locale: string | null; authorId: number },
  secondFactors: SecondFactors,
): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale, authorId: user.authorId, secondFactors };
}

export const UserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  authorId: Type.Integer(),
  suspended: Type.Boolean(),
  hasPassword: Type.Boolean(),
  secondFactors: SecondFactorsSchema,
  createdAt: Type.String({ format: 'date-time' }),
  lastSignInAt: Nullable(Type.String({ format: 'date-time' })),
});
export type UserView = Static<typeof UserSchema>;

export function presentUser(user: {
  id: number;
  email: string;
  name: string;
  role: Role;
  authorId: number;
  suspended: boolean;
  hasPassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  secondFactors: SecondFactors;
}): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    authorId: user.authorId,
    suspended: user.suspended,
    hasPassword: user.hasPassword,
    secondFactors: user.secondFactors,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
  };
}

export const ErrorSchema = Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });
