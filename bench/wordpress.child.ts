import fs from 'node:fs';
import { readWxr } from '../src/importers/wordpress/wxr.reader.ts';
import type { ChildRun } from './wordpress.ts';

/**
 * One measured run in a process of its own, so its peak resident memory is the run's:
 * `read <export.xml>` reads every entry and keeps none; `import` and `dry-run <export.xml> <data dir>`
 * import it with the real importer into a fresh data dir (a dry run writes in a transaction it
 * rolls back). Prints one line of JSON (a ChildRun).
 */

async function read(file: string): Promise<Omit<ChildRun, 'peakRssMb'>> {
  const started = performance.now();
  let items = 0;
  for await (const entry of readWxr(file)) if (entry.kind === 'item') items++;
  return { mode: 'read', seconds: (performance.now() - started) / 1000, items };
}

async function runImport(mode: 'import' | 'dry-run', file: string, dataDir: string): Promise<Omit<ChildRun, 'peakRssMb'>> {
  // Loaded here, so that a `read` run's memory is the reader's and not the whole application's.
  const [{ openKiosque }, { loadConfig }, { importWordpress }] = await Promise.all([
    import('../src/app.ts'),
    import('../src/config.ts'),
    import('../src/importers/wordpress/wp.importer.ts'),
  ]);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const config = loadConfig({}, { KIOSQUE_DATA_DIR: dataDir, KIOSQUE_LOG_LEVEL: 'silent', KIOSQUE_DEMO: 'false' });
  const kiosque = await openKiosque(config);
  try {
    const started = performance.now();
    let shownAt = 0;
    // How far it got, for a parent that stops a run at its time limit.
    const onProgress = (done: number, total: number) => {
      if (performance.now() - shownAt < 1_000 && done < total) return;
      shownAt = performance.now();
      process.stderr.write(`progress ${done} ${total}\n`);
    };
    const report = await importWordpress({ db: kiosque.db, events: kiosque.events, dataDir: config.dataDir }, file, { dryRun: mode === 'dry-run', onProgress });
    const seconds = (performance.now() - started) / 1000;
    const { post, page, attachment, comment } = report.counts;
    const items = post.imported + post.updated + post.skipped + page.imported + page.updated + page.skipped + attachment.imported + attachment.updated + attachment.skipped;
    const summary = `${post.imported} posts, ${page.imported} pages, ${attachment.imported} attachments, ${comment.imported} comments imported; ${report.warnings.length} warnings`;
    return { mode, seconds, items, summary };
  } finally {
    await kiosque.close();
  }
}

const [mode, file, dataDir] = process.argv.slice(2);
if (!file || !(mode === 'read' || ((mode === 'import' || mode === 'dry-run') && dataDir))) {
  process.stderr.write('usage: wordpress.child.ts read <export.xml> | import|dry-run <export.xml> <data dir>\n');
  process.exit(2);
}
const run = mode === 'read' ? await read(file) : await runImport(mode, file, dataDir!);
// maxRSS is in kilobytes: the most this process ever held resident.
const result: ChildRun = { ...run, peakRssMb: process.resourceUsage().maxRSS / 1024 };
process.stdout.write(`${JSON.stringify(result)}\n`);
