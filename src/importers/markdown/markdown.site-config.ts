import fs from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { isTimeZone } from '../../lib/time-zones.ts';

/**
 * A static site generator's configuration file (Hugo's `hugo.toml`, Jekyll's `_config.yml`): the
 * first of `names` found in `folders`, in that order, read by its extension (TOML, JSON, else
 * YAML). A file that holds no table reads as `{}`; undefined when none is found, or when the first
 * found cannot be read, since a guess from a broken configuration would be a wrong one.
 */
export function readSiteConfig(folders: readonly string[], names: readonly string[]): Record<string, unknown> | undefined {
  for (const folder of folders) {
    for (const name of names) {
      let text: string;
      try {
        text = fs.readFileSync(path.join(folder, name), 'utf8');
      } catch {
        continue;
      }
      try {
        const parsed: unknown = name.endsWith('.toml') ? parseToml(text) : name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
        return isRecord(parsed) ? parsed : {};
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The time zone a configuration names (Hugo's `timeZone`, Jekyll's `timezone`), in which the
 * generator read dates written without an offset and filled its addresses' dates; undefined when
 * it names none, or one this runtime does not know (the site's own zone is used then).
 */
export function configTimeZone(value: unknown): string | undefined {
  const zone = typeof value === 'string' ? value.trim() : '';
  return zone !== '' && isTimeZone(zone) ? zone : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
