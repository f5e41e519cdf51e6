import { parentPort } from 'node:worker_threads';
import { renderMarkdown } from './markdown.pipeline.ts';
import type { RenderReply, RenderRequest } from './markdown.pool.ts';

/**
 * A thread of the render pool (markdown.pool.ts): renders the bodies it is sent, one at a time,
 * and answers each with its result or the reason it failed.
 */
const port = parentPort;
if (!port) throw new Error('markdown.worker.ts runs as a worker thread of the render pool');

port.on('message', (request: RenderRequest) => {
  let reply: RenderReply;
  try {
    const sizes = request.imageSizes;
    const result = renderMarkdown(request.markdown, { locale: request.locale, imageSize: sizes && ((src) => sizes.get(src)) });
    reply = { id: request.id, result };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
