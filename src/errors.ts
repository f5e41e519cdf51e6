import { translate, type Locale, type MessageKey, type MessageParams } from './i18n/i18n.ts';

/**
 * The error catalogue. Each error has an HTTP status, a stable code and a public sentence in the
 * message catalogs; the raw cause travels in `cause` and goes to the log only.
 */
export const ERRORS = {
  invalid_config: { status: 500, message: 'error.invalidConfig' },
  unknown_command: { status: 400, message: 'error.unknownCommand' },
  invalid_arguments: { status: 400, message: 'error.invalidArguments' },
  database_unreachable: { status: 503, message: 'error.databaseUnreachable' },
  database_sign_in_refused: { status: 503, message: 'error.databaseSignInRefused' },
  database_missing: { status: 503, message: 'error.databaseMissing' },
  database_failed: { status: 500, message: 'error.databaseFailed' },
  migrations_pending: { status: 500, message: 'error.migrationsPending' },
  data_dir_unwritable: { status: 500, message: 'error.dataDirUnwritable' },
  database_file_unwritable: { status: 500, message: 'error.databaseFileUnwritable' },
  port_in_use: { status: 500, message: 'error.portInUse' },
  listen_failed: { status: 500, message: 'error.listenFailed' },
  not_found: { status: 404, message: 'error.notFound' },
  import_invalid: { status: 400, message: 'error.importInvalid' },
  import_source_missing: { status: 400, message: 'error.importSourceMissing' },
  import_media_missing: { status: 400, message: 'error.importMediaMissing' },
  wxr_unreadable: { status: 400, message: 'error.wxrUnreadable' },
  wxr_malformed: { status: 400, message: 'error.wxrMalformed' },
  wxr_not_wordpress: { status: 400, message: 'error.wxrNotWordpress' },
  wxr_doctype: { status: 400, message: 'error.wxrDoctype' },
  redirects_import_invalid: { status: 400, message: 'error.redirectsImportInvalid' },
  invalid_request: { status: 400, message: 'error.invalidRequest' },
  bad_address: { status: 400, message: 'error.badAddress' },
  unauthenticated: { status: 401, message: 'error.unauthenticated' },
  invalid_credentials: { status: 401, message: 'error.invalidCredentials' },
  passkey_rejected: { status: 401, message: 'error.passkeyRejected' },
  otp_required: { status: 401, message: 'error.otpRequired' },
  forbidden: { status: 403, message: 'error.forbidden' },
  csrf_failed: { status: 403, message: 'error.csrfFailed' },
  conflict: { status: 409, message: 'error.conflict' },
  category_name_taken: { status: 409, message: 'content.error.categoryNameTaken' },
  tag_name_taken: { status: 409, message: 'content.error.tagNameTaken' },
  link_expired: { status: 410, message: 'error.linkExpired' },
  payload_too_large: { status: 413, message: 'error.payloadTooLarge' },
  unsupported_media: { status: 415, message: 'error.unsupportedMedia' },
  too_many_attempts: { status: 429, message: 'error.tooManyAttempts' },
  otp_invalid: { status: 401, message: 'error.otpInvalid' },
  passkey_required: { status: 401, message: 'error.passkeyRequired' },
  second_factor_required: { status: 403, message: 'error.secondFactorRequired' },
  account_suspended: { status: 403, message: 'error.accountSuspended' },
  email_taken: { status: 409, message: 'error.emailTaken' },
  last_administrator: { status: 409, message: 'error.lastAdministrator' },
  unknown_account: { status: 404, message: 'error.unknownAccount' },
  export_target_exists: { status: 400, message: 'error.exportTargetExists' },
  export_target_is_folder: { status: 400, message: 'error.exportTargetIsFolder' },
  export_target_is_file: { status: 400, message: 'error.exportTargetIsFile' },
  export_folder_not_empty: { status: 400, message: 'error.exportFolderNotEmpty' },
  export_target_unwritable: { status: 400, message: 'error.exportTargetUnwritable' },
  database_unavailable: { status: 503, message: 'error.databaseUnavailable' },
  internal: { status: 500, message: 'error.internal' },
} as const satisfies Record<string, { status: number; message: MessageKey }>;

export type ErrorCode = keyof typeof ERRORS;

export interface KiosqueErrorOptions {
  cause?: unknown;
  /**
   * The sentence when the code's own does not say enough: a refused field's rule ("The title must
   * be at most 300 characters long.") is an `invalid_request`, with its own words.
   */
  sentence?: MessageKey | undefined;
}

export class KiosqueError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: MessageParams;
  private readonly sentence: MessageKey;

  constructor(code: ErrorCode, params: MessageParams = {}, options: KiosqueErrorOptions = {}) {
    const sentence = options.sentence ?? ERRORS[code].message;
    super(translate('en', sentence, params), 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'KiosqueError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.params = params;
    this.sentence = sentence;
  }

  /** The sentence shown to a person, in their language. */
  publicMessage(locale: Locale): string {
    return translate(locale, this.sentence, this.params);
  }
}

export function isKiosqueError(error: unknown): error is KiosqueError {
  return error instanceof KiosqueError;
}
