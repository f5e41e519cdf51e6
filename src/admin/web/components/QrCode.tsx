import { encode } from 'uqr';

/**
 * A QR code as SVG, drawn from the encoder's module matrix: one path of unit squares, with the
 * quiet zone of four modules that scanners need. No canvas and no inline markup, so the admin's
 * Content-Security-Policy needs nothing more.
 */
export function qrPath(text: string): { size: number; path: string } {
  const { data, size } = encode(text, { ecc: 'M', border: 0 });
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (data[y]![x]) path += `M${x + QUIET} ${y + QUIET}h1v1h-1z`;
    }
  }
  return { size: size + 2 * QUIET, path };
}

const QUIET = 4;

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = qrPath(text);
  return (
    <svg className="qr-code" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width={size * 5} height={size * 5} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
