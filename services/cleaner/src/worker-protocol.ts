import type { CleanInput, CleanResult } from '@dyad/clean';

/** Main thread → worker. */
export interface CleanRequest {
  readonly id: number;
  readonly input: CleanInput;
}

/** Worker → main thread. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly result: CleanResult }
  | { readonly type: 'failed'; readonly id: number; readonly permanent: boolean; readonly message: string };

/** What the main thread tells each worker at start. */
export interface WorkerData {
  readonly profile: string;
}
