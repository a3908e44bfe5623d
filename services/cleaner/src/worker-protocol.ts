/** What the main thread tells each cleaner worker at start (the bus's `ThreadPool` carries the rest). */
export interface WorkerData {
  readonly profile: string;
}
