import { workerData } from 'node:worker_threads';
import { serveThread } from '@dyad/bus/threads';
import { type CleanInput, cleanArticle, HtmlCleaningError, UnsupportedContentError } from '@dyad/clean';
import { loadProfile } from '@dyad/knowledge';
import type { WorkerData } from './worker-protocol.ts';

// A worker thread of the cleaner: parses pages off the main event loop, one at a time. What the
// core refuses (a content type it cannot read, a page a DOM cannot parse) is the page's fault.
const { profile: profileId } = workerData as WorkerData;
const profile = loadProfile(profileId);

serveThread(
  (input: CleanInput) => cleanArticle(input, { profile }),
  (error) => ({ permanent: error instanceof UnsupportedContentError || error instanceof HtmlCleaningError }),
);
