import zlib from 'node:zlib';
import sharp from 'sharp';

/** Image files for the upload tests, made on the spot with sharp (and one by hand: the bomb). */

export const SECRET_PHOTOGRAPHER = 'Camille Secret-Photographer';

/**
 * A photo-like JPEG: gradients, soft highlights and film grain, so encoders work as hard as on
 * a real photo (a flat colour would make timings meaningless). It carries EXIF with a GPS
 * position, the photographer's name and a Display P3 colour profile, all of which must go.
 */
export async function photoJpeg(width: number, height: number, options: { orientation?: number } = {}): Promise<Buffer> {
  const highlights = Array.from(
    { length: 40 },
    (_, i) => `<circle cx="${(i * 613) % width}" cy="${(i * 379) % height}" r="${Math.round(((40 + ((i * 37) % 150)) * width) / 2000)}" fill="url(#r)"/>`,
  ).join('');
  const drawing = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2a6f97"/><stop offset="1" stop-color="#f4a261"/></linearGradient><radialGradient id="r"><stop offset="0" stop-color="#fff" stop-opacity=".8"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${highlights}</svg>`;
  const grain = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 12 } } }).raw().toBuffer();
  let image = sharp(Buffer.from(drawing))
    .composite([{ input: grain, raw: { width, height, channels: 3 }, blend: 'overlay' }])
    .withIccProfile('p3')
    .withExif({
      IFD0: { Artist: SECRET_PHOTOGRAPHER, Copyright: SECRET_PHOTOGRAPHER, Make: 'Kiosque', Model: 'Test camera' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' },
    });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return image.jpeg({ quality: 90 }).toBuffer();
}

export function plainPng(width: number, height: number, background = '#c03050'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background } }).png().toBuffer();
}

/** A GIF of three frames of different colours. */
export async function animatedGif(width: number, height: number): Promise<Buffer> {
  const frames = ['#d00000', '#00a000', '#0000d0'].map((colour) =>
    sharp({ create: { width, height, channels: 3, background: colour } }).raw().toBuffer(),
  );
  const pixels = Buffer.concat(await Promise.all(frames));
  return sharp(pixels, { raw: { width, height: height * 3, channels: 3, pageHeight: height } }).gif({ delay: [100, 100, 100], loop: 0 }).toBuffer();
}

/** A PHP script with a name and a type that claim it is a photo. */
export const PHP_SHELL = Buffer.from('<?php system($_GET["cmd"]); ?>\n');

/**
 * A decompression bomb: a ~100 KB PNG that declares 30000×30000 pixels of zeros, which a naive
 * decoder would expand into gigabytes.
 */
export function decompressionBomb(side = 30000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bits per sample
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((Math.ceil(side / 8) + 1) * side);
  const pixels = zlib.deflateSync(rows, { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

export const SAFE_SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="60" viewBox="0 0 120 60"><defs><linearGradient id="g"><stop offset="0" stop-color="#c03"/></linearGradient></defs><rect width="120" height="60" fill="url(#g)"/><use xlink:href="#g"/></svg>\n';

/** Hostile drawings, each with the reason it must be refused for. */
export const HOSTILE_SVGS: { name: string; svg: string; reason: string }[] = [
  { name: 'a script', svg: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>', reason: 'script' },
  { name: 'a namespaced script', svg: '<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></svg>', reason: 'script' },
  { name: 'an onload handler', svg: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>', reason: 'event_handler' },
  { name: 'a handler after a slash', svg: '<svg/onload=alert(1) xmlns="http://www.w3.org/2000/svg"></svg>', reason: 'event_handler' },
  { name: 'a javascript: link', svg: '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>', reason: 'script' },
  { name: 'an external image', svg: '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://tracker.example/pixel.png"/></svg>', reason: 'external_reference' },
  { name: 'an external use', svg: '<svg xmlns="http://www.w3.org/2000/svg"><use href="/etc/passwd#x"/></svg>', reason: 'external_reference' },
  { name: 'an external stylesheet', svg: '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css);</style></svg>', reason: 'external_reference' },
  { name: 'a link retargeted by an animation', svg: '<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="https://evil.example"/><text>x</text></a></svg>', reason: 'external_reference' },
  { name: 'a foreignObject', svg: '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe src="https://evil.example"></iframe></foreignObject></svg>', reason: 'foreign_object' },
  { name: 'entities (billion laughs)', svg: '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>', reason: 'entity' },
  { name: 'an embedded HTML element', svg: '<svg xmlns="http://www.w3.org/2000/svg"><iframe src="https://evil.example"/></svg>', reason: 'element' },
];
