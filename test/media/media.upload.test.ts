import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savePost } from '../../src/content/content.service.ts';
import { addUploadedMedia } from '../../src/media/media.upload.ts';
import { presentMedia } from '../../src/media/media.presenter.ts';
import { deleteMedia, detectImageType, MAX_MEDIA_BYTES, mediaRoot, mediaVariants, UploadRefused, type UploadRefusalReason } from '../../src/media/media.service.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/database.ts';
import { postInput } from '../support/site.ts';
import { animatedGif, decompressionBomb, HOSTILE_SVGS, photoJpeg, PHP_SHELL, plainPng, SAFE_SVG, SECRET_PHOTOGRAPHER } from './media.fixtures.ts';

async function refusalOf(promise: Promise<unknown>): Promise<UploadRefused> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UploadRefused);
  return error as UploadRefused;
}

describe.each(ENGINES)('uploading to the media library on %s', (engine) => {
  let database: TestDatabase;
  let photo: Buffer;
  let root: string;
  const upload = (content: Buffer, originalName: string, extra: { alt?: string; caption?: string } = {}) =>
    addUploadedMedia(database.db, database.config.dataDir, { content, originalName, uploadedBy: null, ...extra });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    root = mediaRoot(database.config.dataDir);
    photo = await photoJpeg(4000, 3000);
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('makes AVIF, WebP and JPEG copies of a 4000×3000 photo at every width up to 2400 (the time is reported)', async () => {
    // Wall time depends on what else the machine runs; CPU time (this test process, libvips threads included) does not.
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { media, created } = await upload(photo, 'Manif place de la République.JPG', { alt: 'La place noire de monde' });
    const elapsed = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    console.info(
      `[media] 4000×3000 JPEG (${Math.round(photo.length / 1024)} KB) processed on ${engine} in ${Math.round(elapsed)} ms (CPU ${Math.round((user + system) / 1000)} ms, load average ${os.loadavg()[0]!.toFixed(1)})`,
    );

    expect(created).toBe(true);
    expect(media).toMatchObject({ mime_type: 'image/jpeg', width: 2400, height: 1800, alt: 'La place noire de monde' });
    expect(media.storage_key).toMatch(/^\d{4}\/\d{2}\/manif-place-de-la-republique-2400w-[0-9a-f]{10}\.jpg$/);
    const variants = mediaVariants(media);
    const widths = [480, 800, 1200, 1600, 2400];
    for (const format of ['avif', 'webp', 'jpeg'] as const) {
      const made = variants.filter((variant) => variant.format === format);
      expect(made.map((variant) => variant.width).sort((a, b) => a - b), format).toEqual(widths);
      for (const variant of made) expect(variant.height).toBe((variant.width * 3) / 4);
    }
    for (const variant of variants) {
      const file = fs.readFileSync(path.join(root, variant.key));
      expect(file.length).toBe(variant.bytes);
      const metadata = await sharp(file).metadata();
      expect(metadata.format === 'heif' ? 'avif' : metadata.format).toBe(variant.format);
      expect([metadata.width, metadata.height]).toEqual([variant.width, variant.height]);
    }
  });

  it('removes EXIF, GPS position, XMP and colour profile from every stored file, the JPEG copies included', async () => {
    const before = await sharp(photo).metadata();
    expect(before.exif?.includes(Buffer.from(SECRET_PHOTOGRAPHER))).toBe(true);
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS directory tag, little-endian
    expect(before.icc).toBeDefined();

    const { media } = await upload(photo, 'manif.jpg');
    for (const variant of mediaVariants(media)) {
      const file = fs.readFileSync(path.join(root, variant.key));
      const metadata = await sharp(file).metadata();
      expect(metadata.exif, variant.key).toBeUndefined();
      expect(metadata.xmp, variant.key).toBeUndefined();
      expect(metadata.icc, variant.key).toBeUndefined();
      expect(file.includes(Buffer.from(SECRET_PHOTOGRAPHER)), variant.key).toBe(false);
      expect(file.includes(Buffer.from('Test camera')), variant.key).toBe(false);
    }
  });

  it('keeps one entry when the same bytes are uploaded twice, and fills in the alternative text it lacked', async () => {
    const first = await upload(photo, 'one.jpg');
    const second = await upload(photo, 'two.jpg', { alt: 'Une foule' });
    expect(second.created).toBe(false);
    expect(second.media.id).toBe(first.media.id);
    const third = await upload(photo, 'three.jpg', { alt: 'Autre chose' });
    expect(third.media.alt).not.toBe('Autre chose');
    const { count } = await database.db.kysely
      .selectFrom('media')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('sha256', '=', first.media.sha256)
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(1);
  });

  it('never enlarges a small image: a 300×200 PNG gets copies at 300 pixels only', async () => {
    const { media } = await upload(await plainPng(300, 200), 'petit.png');
    expect(media).toMatchObject({ mime_type: 'image/png', width: 300, height: 200 });
    const variants = mediaVariants(media);
    expect(variants.map((variant) => `${variant.format}:${variant.width}x${variant.height}`).sort()).toEqual(['avif:300x200', 'png:300x200', 'webp:300x200']);
    expect(media.storage_key).toMatch(/petit-300w-[0-9a-f]{10}\.png$/);
  });

  it('turns a photo upright from its EXIF orientation before removing the EXIF', async () => {
    const sideways = await photoJpeg(64, 48, { orientation: 6 });
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const { media } = await upload(sideways, 'sideways.jpg');
    expect([media.width, media.height]).toEqual([48, 64]);
    const stored = await sharp(fs.readFileSync(path.join(root, media.storage_key))).metadata();
    expect([stored.width, stored.height, stored.orientation]).toEqual([48, 64, undefined]);
  });

  it('keeps an animated GIF animated and at its size, with an animated WebP copy', async () => {
    const { media } = await upload(await animatedGif(40, 30), 'anim.gif');
    expect(media).toMatchObject({ mime_type: 'image/gif', width: 40, height: 30 });
    const variants = mediaVariants(media);
    expect(variants.map((variant) => `${variant.format}:${variant.width}x${variant.height}`).sort()).toEqual(['gif:40x30', 'webp:40x30']);
    for (const variant of variants) {
      const metadata = await sharp(fs.readFileSync(path.join(root, variant.key))).metadata();
      expect(metadata.pages, variant.format).toBe(3);
    }
  });

  it('refuses a PHP script named .jpg: the type is read from the content, never the name', async () => {
    const refusal = await refusalOf(upload(PHP_SHELL, 'photo.jpg'));
    expect(refusal.reason).toBe<UploadRefusalReason>('not_an_image');
    expect(fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).filter((name) => String(name).includes('photo')) : []).toEqual([]);
  });

  it('refuses a decompression bomb from its header, at once and without decoding it', async () => {
    const bomb = decompressionBomb();
    expect(bomb.length).toBeLessThan(200_000);
    const started = performance.now();
    const refusal = await refusalOf(upload(bomb, 'bomb.png'));
    expect(refusal.reason).toBe<UploadRefusalReason>('too_many_pixels');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a damaged image with a reason rather than an internal error', async () => {
    const truncated = (await photoJpeg(200, 150)).subarray(0, 600);
    expect(detectImageType(truncated)?.mime).toBe('image/jpeg');
    expect((await refusalOf(upload(truncated, 'cut.jpg'))).reason).toBe<UploadRefusalReason>('unreadable');
  });

  it('refuses a file over the size limit before reading it as an image', async () => {
    const huge = Buffer.alloc(MAX_MEDIA_BYTES + 1);
    photo.copy(huge);
    expect((await refusalOf(upload(huge, 'huge.jpg'))).reason).toBe<UploadRefusalReason>('too_large');
  });

  it('uses a path-traversal file name only for the slug of a key inside the library', async () => {
    const { media } = await upload(await plainPng(20, 10, '#123456'), '../../etc/passwd.jpg');
    expect(media.storage_key).toMatch(/^\d{4}\/\d{2}\/passwd-20w-[0-9a-f]{10}\.png$/);
    expect(media.original_name).toBe('../../etc/passwd.jpg');
    for (const key of [media.storage_key, ...mediaVariants(media).map((variant) => variant.key)]) {
      const file = path.resolve(root, key);
      expect(file.startsWith(root + path.sep)).toBe(true);
      expect(fs.existsSync(file)).toBe(true);
    }
    const windows = await upload(await plainPng(20, 10, '#654321'), '..\\..\\Windows\\win.ini');
    expect(windows.media.storage_key).toMatch(/^\d{4}\/\d{2}\/win-20w-[0-9a-f]{10}\.png$/);
    const nothingLeft = await upload(await plainPng(20, 10, '#abcdef'), '../..');
    expect(nothingLeft.media.storage_key).toMatch(/^\d{4}\/\d{2}\/image-20w-[0-9a-f]{10}\.png$/);
  });

  it('names a file the library once wrote (brought back from an export) without a second width and hash', async () => {
    const drawing = await upload(Buffer.from(SAFE_SVG.replace('</svg>', '<!-- copie --></svg>')), 'incendie-ovh-5bcebe8e79.svg');
    expect(drawing.media.storage_key).toMatch(/^\d{4}\/\d{2}\/incendie-ovh-[0-9a-f]{10}\.svg$/);
    const photo = await upload(await plainPng(20, 10, '#0a0b0c'), 'entrepot-1600w-0123456789.png');
    expect(photo.media.storage_key).toMatch(/^\d{4}\/\d{2}\/entrepot-20w-[0-9a-f]{10}\.png$/);
    // A name that merely ends in digits keeps them.
    const report = await upload(await plainPng(20, 10, '#0c0b0a'), 'rapport-fevad-2024.png');
    expect(report.media.storage_key).toMatch(/^\d{4}\/\d{2}\/rapport-fevad-2024-20w-[0-9a-f]{10}\.png$/);
  });

  it('keeps a plain SVG drawing byte for byte, with its size', async () => {
    const { media } = await upload(Buffer.from(SAFE_SVG), 'schema.svg');
    expect(media).toMatchObject({ mime_type: 'image/svg+xml', width: 120, height: 60 });
    expect(fs.readFileSync(path.join(root, media.storage_key), 'utf8')).toBe(SAFE_SVG);
    expect(presentMedia(media).srcset).toEqual({ avif: '', webp: '', original: '' });
  });

  it('gives a drawing a 1200-pixel PNG copy for cards, drawn sharp from the vector on white', async () => {
    // Left half black, right half transparent: a copy enlarged from a small bitmap would blur the edge.
    const halves = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="60" height="60" fill="#000"/></svg>';
    const { media } = await upload(Buffer.from(halves), 'moities.svg');
    const [copy, ...others] = mediaVariants(media);
    expect(others).toEqual([]);
    expect(copy).toMatchObject({ format: 'png', width: 1200, height: 600 });
    expect(copy!.key).toMatch(/^\d{4}\/\d{2}\/moities-1200w-[0-9a-f]{10}\.png$/);
    expect(fs.readFileSync(path.join(root, media.storage_key), 'utf8')).toBe(halves);
    const { data, info } = await sharp(path.join(root, copy!.key)).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([1200, 600, 3]);
    const pixel = (x: number) => data[(300 * info.width + x) * info.channels]!;
    expect([pixel(597), pixel(598), pixel(599), pixel(600), pixel(601), pixel(602)]).toEqual([0, 0, 0, 255, 255, 255]);
  });

  it.each(HOSTILE_SVGS)('refuses an SVG with $name', async ({ svg, reason }) => {
    const refusal = await refusalOf(upload(Buffer.from(svg), 'drawing.svg'));
    expect(refusal.reason).toBe<UploadRefusalReason>('unsafe_svg');
    expect(refusal.svg?.reason).toBe(reason);
  });

  it('deletes an entry and its files unless a post shows it', async () => {
    const { media } = await upload(await plainPng(30, 20, '#0a0b0c'), 'a-supprimer.png');
    const files = [media.storage_key, ...mediaVariants(media).map((variant) => variant.key)].map((key) => path.join(root, key));
    const post = await savePost(database, postInput({ status: 'draft', markdown: `![Une image](/media/${media.storage_key})` }));
    expect(await deleteMedia(database.db, database.config.dataDir, media.id)).toEqual({ outcome: 'in_use', posts: 1 });
    await database.db.kysely.deleteFrom('posts').where('id', '=', post.id).execute();
    expect((await deleteMedia(database.db, database.config.dataDir, media.id)).outcome).toBe('deleted');
    for (const file of files) expect(fs.existsSync(file), file).toBe(false);
    expect(await deleteMedia(database.db, database.config.dataDir, media.id)).toEqual({ outcome: 'not_found' });
  });
});
