import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from './QrCode.tsx';

describe('the enrolment QR code', () => {
  const url = 'otpauth://totp/Kiosque:alice%40example.fr?secret=JBSWY3DPEHPK3PXP&issuer=Kiosque';

  it('draws exactly the dark modules of the encoded matrix, inside a four-module quiet zone', () => {
    const matrix = encode(url, { ecc: 'M', border: 0 });
    const { size, path } = qrPath(url);
    expect(size).toBe(matrix.size + 8);
    const drawn = new Set([...path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${Number(m[1]) - 4},${Number(m[2]) - 4}`));
    const dark = new Set<string>();
    matrix.data.forEach((row, y) => row.forEach((on, x) => on && dark.add(`${x},${y}`)));
    expect(drawn).toEqual(dark);
    expect(path.replace(/M\d+ \d+h1v1h-1z/g, '')).toBe('');
  });

  it('changes with the secret it carries', () => {
    expect(qrPath(url).path).not.toBe(qrPath(url.replace('JBSWY3DP', 'KRSXG5CT')).path);
  });
});
