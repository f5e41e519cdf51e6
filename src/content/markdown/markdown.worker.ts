import { parentPort } from 'node:worker_threads';
import { perform, type RenderReply, type RenderRequest } from './markdown.pool.ts';

/**
 * A thread of the render pool (markdown.pool.ts): renders the bodies and comments it is sent, one
 * task at a time, and answers each with its result or the reason it failed.
 */
const port = parentPort;
if (!port) throw new Error('markdown.worker.ts runs as a worker thread of the render pool');

port.on('message', (request: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id: request.id, result: perform(request) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
