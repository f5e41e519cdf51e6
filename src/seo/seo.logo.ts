import fs from 'node:fs';
import { projectPath } from '../paths.ts';

/**
 * The site's raster logo, for the publisher of structured data and as the share image of pages
 * without a picture of their own: Google and social networks take PNG, not the SVG favicon. It is
 * drawn from the favicon by sharp on the first request, then kept in memory, so starting the
 * server costs nothing and the logo always matches the favicon.
 */
export const SITE_LOGO = {
  /** A fixed address: search engines keep a publisher's logo by its URL. */
  href: '/logo.png',
  // Square like the favicon; Google asks for at least 112 pixels a side.
  width: 512,
  height: 512,
} as const;

const FAVICON_VIEWBOX = 32;

let rendering: Promise<Buffer> | undefined;

export function siteLogoPng(): Promise<Buffer> {
  rendering ??= drawLogo().catch((error: unknown) => {
    rendering = undefined;
    throw error;
  });
  return rendering;
}

async function drawLogo(): Promise<Buffer> {
  // sharp is loaded here, not at start: most processes never draw the logo.
  const { default: sharp } = await import('sharp');
  const svg = fs.readFileSync(projectPath('src', 'site', 'assets', 'favicon.svg'));
  // The SVG is rasterised at the density that makes its 32-unit box the logo's size: sharp and crisp, not upscaled.
  return sharp(svg, { density: (72 * SITE_LOGO.width) / FAVICON_VIEWBOX })
    .resize(SITE_LOGO.width, SITE_LOGO.height)
    .png({ compressionLevel: 9, palette: true })
    .toBuffer();
}
