/**
 * The Admin API client: JSON in and out, the CSRF token sent back on every change, and every
 * error turned into an ApiError carrying the API's own sentence and the field at fault.
 */

export const API_ROOT = '/api/admin/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** One sentence per refused line, when a whole file was refused (a CSV import). */
  readonly lines: readonly string[];

  constructor(status: number, code: string, message: string, field?: string, lines: readonly string[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.lines = lines;
  }
}

let csrfToken: string | null = null;

/** The token from `GET /session` (or a sign-in), sent in `x-csrf-token` with every change. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let language: string | null = null;

/** The app's language, sent in `accept-language` so that the API's sentences (a refused field's) are in it too. */
export function setApiLanguage(locale: string): void {
  language = locale;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  /** Multipart uploads go as FormData, without a JSON content type. */
  form?: FormData;
  /** A file sent as it is (a CSV import), with its content type. */
  text?: { body: string; type: string };
  accept?: 'json' | 'html';
}

async function send(method: Method, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept === 'html' ? 'text/html' : 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (language) headers['accept-language'] = language;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.text) {
    headers['content-type'] = options.text.type;
    body = options.text.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(API_ROOT + path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '');
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { code?: unknown; message?: unknown; field?: unknown; errors?: unknown };
    if (typeof parsed.code === 'string' && typeof parsed.message === 'string') {
      const lines = Array.isArray(parsed.errors) ? parsed.errors.map((error: { message?: unknown }) => String(error.message ?? '')) : [];
      return new ApiError(response.status, parsed.code, parsed.message, typeof parsed.field === 'string' ? parsed.field : undefined, lines);
    }
  } catch {
    // Not the API's JSON (a proxy's page, an address the API does not have): the screen names the status.
  }
  const plain = response.headers.get('content-type')?.startsWith('text/plain') ? text.split('\n')[0]?.slice(0, 300) : '';
  return new ApiError(response.status, 'http_' + response.status, plain ?? '');
}

async function request(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  let response = await send(method, path, options);
  // A token that changed (another tab signed in again) is fetched once more, then the change retried.
  if (response.status === 403 && method !== 'GET' && path !== '/session') {
    const error = await errorOf(response.clone());
    if (error.code === 'csrf_failed' && (await refreshCsrfToken())) response = await send(method, path, options);
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/session', {});
  if (!response.ok) return false;
  const session = (await response.json()) as { csrfToken?: string };
  setCsrfToken(session.csrfToken ?? null);
  return Boolean(session.csrfToken);
}

/** Saves still on their way that reads must wait for (see holdReads). */
const heldReads = new Set<Promise<void>>();

/**
 * Makes every read that starts before `change` settles wait for it: a screen opened while the
 * previous one saves on its way out (the editor's last autosave) shows what was saved.
 */
export function holdReads(change: Promise<unknown>): void {
  const settled = change.then(
    () => undefined,
    () => undefined,
  );
  heldReads.add(settled);
  void settled.then(() => heldReads.delete(settled));
}

async function json<T>(method: Method, path: string, options?: RequestOptions): Promise<T> {
  if (method === 'GET' && heldReads.size > 0) await Promise.all(heldReads);
  const response = await request(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string) => json<T>('GET', path),
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => json<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => json<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => json<T>('POST', path, { form }),
  /** Sends a file's text as it is, e.g. a CSV import (`text/csv`). */
  postText: <T>(path: string, body: string, type: string) => json<T>('POST', path, { text: { body, type } }),
  /** A change that answers with a document rather than JSON (the preview). */
  postForHtml: async (path: string, body: unknown) => (await request('POST', path, { body, accept: 'html' })).text(),
};

/** Builds a query string from the filters that are set. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? '?' + text : '';
}
