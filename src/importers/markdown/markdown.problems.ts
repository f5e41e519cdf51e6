import { translate, type Locale, type MessageKey, type MessageParams } from '../../i18n/i18n.ts';

/** What can be wrong with a file of the imported folder, and the catalog sentence for each. */
const PROBLEM_MESSAGES = {
  file_unreadable: 'import.problem.fileUnreadable',
  file_not_utf8: 'import.problem.fileNotUtf8',
  front_matter_unclosed: 'import.problem.frontMatterUnclosed',
  front_matter_invalid: 'import.problem.frontMatterInvalid',
  front_matter_not_fields: 'import.problem.frontMatterNotFields',
  front_matter_missing: 'import.problem.frontMatterMissing',
  title_missing: 'import.problem.titleMissing',
  field_not_text: 'import.problem.fieldNotText',
  date_invalid: 'import.problem.dateInvalid',
  slug_duplicate: 'import.problem.slugDuplicate',
  slug_reserved: 'import.problem.slugReserved',
  section_page: 'import.problem.sectionPage',
  mdx_left_out: 'import.problem.mdxLeftOut',
  image_missing: 'import.problem.imageMissing',
  image_unsupported: 'import.problem.imageUnsupported',
  image_too_large: 'import.problem.imageTooLarge',
  image_unsafe: 'import.problem.imageUnsafe',
  field_not_boolean: 'import.problem.fieldNotBoolean',
  address_invalid: 'import.problem.addressInvalid',
  image_address_invalid: 'import.problem.imageAddressInvalid',
  post_expired: 'import.problem.postExpired',
  post_without_page: 'import.problem.postWithoutPage',
  comments_not_list: 'import.problem.commentsNotList',
  comment_incomplete: 'import.problem.commentIncomplete',
  comment_parent_unknown: 'import.problem.commentParentUnknown',
  category_parent_unknown: 'import.problem.categoryParentUnknown',
  category_parent_loop: 'import.problem.categoryParentLoop',
} as const satisfies Record<string, MessageKey>;

export type ImportProblemCode = keyof typeof PROBLEM_MESSAGES;
export type ProblemParams = MessageParams;

/**
 * One thing to tell about one file. `reason` is the English sentence (logs, API); the code and
 * params let a report be written in the reader's language.
 */
export interface ImportProblem {
  /** Relative to the imported folder, with forward slashes. */
  file: string;
  /** 1-based line in the file; 1 when the problem has no better place. */
  line: number;
  reason: string;
  code: ImportProblemCode;
  params: ProblemParams;
}

/** A problem found before the file's name is attached (front matter, field mapping). */
export interface FileProblem {
  line: number;
  code: ImportProblemCode;
  params: ProblemParams;
}

export function importProblem(file: string, { line, code, params }: FileProblem): ImportProblem {
  return { file, line, code, params, reason: problemReason(code, params, 'en') };
}

export function problemReason(code: ImportProblemCode, params: ProblemParams, locale: Locale): string {
  return translate(locale, PROBLEM_MESSAGES[code], params);
}

/** Problems in reading order: by file, then by line. */
export function byFileAndLine(a: ImportProblem, b: ImportProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}
