import { api } from './api.ts';

/**
 * Passkey ceremonies through @simplewebauthn/browser, loaded only when a person asks for a
 * passkey: the first screen does not pay for it.
 */

type Json = Record<string, unknown>;

/** The server may send the options bare or under `options`, with the challenge's id beside them. */
function splitOptions(answer: Json): { challengeId: string | undefined; options: Json } {
  const { challengeId, options, ...rest } = answer;
  return { challengeId: typeof challengeId === 'string' ? challengeId : undefined, options: (options as Json | undefined) ?? rest };
}

export function passkeysSupported(): boolean {
  return typeof window.PublicKeyCredential === 'function';
}

/** Adds a passkey to the signed-in account. */
export async function registerPasskey(name: string): Promise<void> {
  const { startRegistration } = await import('@simplewebauthn/browser');
  const { options } = splitOptions(await api.post<Json>('/account/passkeys/options'));
  const response = await startRegistration({ optionsJSON: options as unknown as Parameters<typeof startRegistration>[0]['optionsJSON'] });
  await api.post('/account/passkeys', { name, response });
}

/** Signs in with a passkey; answers like `POST /session`. */
export async function signInWithPasskey<T>(): Promise<T> {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  const { challengeId, options } = splitOptions(await api.post<Json>('/session/passkey/options'));
  const response = await startAuthentication({ optionsJSON: options as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'] });
  return api.post<T>('/session/passkey', { challengeId, response });
}

/** A browser's refusal (the person closed the dialog, no authenticator) is not an API error. */
export function isCeremonyCancelled(error: unknown): boolean {
  const named = error as { name?: string; code?: string; cause?: { name?: string } };
  return named?.name === 'NotAllowedError' || named?.name === 'AbortError' || named?.code === 'ERROR_CEREMONY_ABORTED' || named?.cause?.name === 'NotAllowedError';
}
