import { parentPort, workerData } from 'node:worker_threads';
import { cleanArticle, HtmlCleaningError, UnsupportedContentError } from '@dyad/clean';
import { loadProfile } from '@dyad/knowledge';
import type { CleanRequest, WorkerData, WorkerMessage } from './worker-protocol.ts';

// A worker thread of the cleaner: parses pages off the main event loop, one at a time.
const port = parentPort;
if (!port) throw new Error('clean-worker.ts runs as a worker thread only');
const { profile: profileId } = workerData as WorkerData;
const profile = loadProfile(profileId);

const send = (message: WorkerMessage): void => port.postMessage(message);

port.on('message', (request: CleanRequest) => {
  try {
    send({ type: 'done', id: request.id, result: cleanArticle(request.input, { profile }) });
  } catch (error) {
    const permanent = error instanceof UnsupportedContentError || error instanceof HtmlCleaningError;
    send({
      type: 'failed',
      id: request.id,
      permanent,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});
send({ type: 'ready' });
