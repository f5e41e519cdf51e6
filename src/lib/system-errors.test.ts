import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/i18n.ts';
import { systemErrorReason } from './system-errors.ts';

/** What a real failed call threw: the codes come from the system, not from the test. */
function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

describe('systemErrorReason', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-system-errors-'));
  const file = path.join(scratch, 'a-file');
  fs.writeFileSync(file, 'text');

  it('puts the system’s usual refusals in words, in both languages', () => {
    const cases = [
      [thrown(() => fs.readFileSync(path.join(scratch, 'absent'))), 'no such file or folder', 'fichier ou dossier introuvable'],
      [thrown(() => fs.readFileSync(scratch)), 'it is a folder, not a file', 'c’est un dossier, pas un fichier'],
      [thrown(() => fs.mkdirSync(path.join(file, 'below'))), 'a part of the path is a file, not a folder', 'une partie du chemin est un fichier, pas un dossier'],
      [thrown(() => fs.mkdirSync(scratch)), 'it already exists', 'il existe déjà'],
    ] as const;
    for (const [error, english, french] of cases) {
      const reason = systemErrorReason(error);
      expect(typeof reason, String(error)).toBe('object');
      expect(translate('en', 'error.wxrUnreadable', { path: '/x.xml', detail: reason })).toBe(`The WordPress export /x.xml cannot be read: ${english}.`);
      expect(translate('fr', 'error.wxrUnreadable', { path: '/x.xml', detail: reason })).toBe(`L’export WordPress /x.xml ne peut pas être lu\u00a0: ${french}.`);
    }
  });

  it('keeps a code it has no words for, and the message of an error without a code', () => {
    expect(systemErrorReason(Object.assign(new Error('cross-device link'), { code: 'EXDEV' }))).toBe('EXDEV');
    expect(systemErrorReason(new Error('the pipe broke'))).toBe('the pipe broke');
    expect(systemErrorReason('plain words')).toBe('plain words');
  });
});
