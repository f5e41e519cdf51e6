import fs from 'node:fs';
import { projectPath } from '../paths.ts';

/**
 * The site's raster pictures, drawn from the SVG favicon by sharp on the first request, then kept
 * in memory, so starting the server costs nothing and they always match the favicon:
 * - the logo, for the publisher of structured data and as the share image of pages without a
 *   picture of their own: Google and social networks take PNG, not SVG;
 * - /favicon.ico, which feed readers, crawlers and browsers ask for whatever the page's
 *   <link rel="icon"> says.
 */
export const SITE_LOGO = {
  /** A fixed address: search engines keep a publisher's logo by its URL. */
  href: '/logo.png',
  // Square like the favicon; Google asks for at least 112 pixels a side.
  width: 512,
  height: 512,
} as const;

export const FAVICON_ICO_HREF = '/favicon.ico';
/** The sizes Windows and browsers pick from: tabs, bookmarks, shortcuts. */
const ICO_SIZES = [16, 32, 48] as const;

const FAVICON_VIEWBOX = 32;

export const siteLogoPng = memoised(() => rasterise(SITE_LOGO.width, { palette: true }));
export const siteFaviconIco = memoised(async () => icoOf(await Promise.all(ICO_SIZES.map((size) => rasterise(size, { palette: false })))));

/** Draws the picture once, on the first call; a failure is not kept, so the next call tries again. */
function memoised(draw: () => Promise<Buffer>): () => Promise<Buffer> {
  let drawing: Promise<Buffer> | undefined;
  return () => {
    drawing ??= draw().catch((error: unknown) => {
      drawing = undefined;
      throw error;
    });
    return drawing;
  };
}

/** The favicon as a square PNG of `size` pixels a side; an icon's images are 32-bit, as its entries say. */
async function rasterise(size: number, { palette }: { palette: boolean }): Promise<Buffer> {
  // sharp is loaded here, not at start: most processes never draw these.
  const { default: sharp } = await import('sharp');
  const svg = fs.readFileSync(projectPath('src', 'site', 'assets', 'favicon.svg'));
  // Rasterised at the density that makes its 32-unit box the wanted size: crisp, not rescaled from another size.
  return sharp(svg, { density: (72 * size) / FAVICON_VIEWBOX })
    .resize(size, size)
    .png({ compressionLevel: 9, palette })
    .toBuffer();
}

/**
 * A Windows icon file holding square PNG images (allowed in ICO since Windows Vista, read by every
 * browser): a 6-byte header, a 16-byte entry per image giving its size and offset, then the PNGs.
 */
function icoOf(pngs: Buffer[]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: an icon, not a cursor
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach((png, index) => {
    const entry = 6 + 16 * index;
    const size = png.readUInt32BE(16); // the width in the PNG's IHDR chunk
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs]);
}
