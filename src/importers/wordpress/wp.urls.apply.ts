import type { Executor } from '../../content/content.admin.ts';
import { writeImportedRules, type ImportedRulesReport } from '../../redirects/redirects.imported.ts';
import { legacyRedirects, type LegacyAddressesInput } from './wp.urls.ts';

/**
 * Keeps an imported blog's old addresses working: writes a 301 for each of them (legacyRedirects)
 * as 'import' rules of the redirect manager, in the importer's transaction. Call it once the
 * posts, pages, terms, authors and media are written (their new addresses are the targets);
 * a second import of the same file updates these rules and duplicates none. The caller emits
 * `content.changed` after committing, as for the content itself, so the page caches empty.
 */
export async function applyLegacyAddresses(trx: Executor, input: LegacyAddressesInput, now: string): Promise<ImportedRulesReport> {
  return writeImportedRules(trx, legacyRedirects(input), now);
}
