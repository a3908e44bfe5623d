import { type PollJob, queues } from '@dyad/contracts';
import type { Source } from '@dyad/sources';
import type { Queue } from 'bullmq';

/** The job scheduler of a source on the `poll` queue: one per source, named by the catalog's job id. */
export function schedulerId(sourceId: string): string {
  return queues.poll.jobId({ schema: 1, sourceId });
}

const PREFIX = schedulerId('');

export interface ScheduleChanges {
  readonly upserted: string[];
  readonly removed: string[];
}

/**
 * Makes the `poll` queue's job schedulers match the sources: one per enabled source, polling at
 * its interval; schedulers of removed or disabled sources are removed. Upserting an unchanged
 * scheduler keeps its next run, so replicas and reloads can call this freely.
 */
export async function syncSchedules(queue: Queue, sources: readonly Source[]): Promise<ScheduleChanges> {
  const wanted = new Map(sources.filter((s) => s.enabled).map((s) => [schedulerId(s.id), s]));
  const upserted: string[] = [];
  const removed: string[] = [];
  const existing = await queue.getJobSchedulers(0, -1, true);
  const existingEvery = new Map(existing.map((e) => [e.key, Number(e.every)]));
  for (const [id, source] of wanted) {
    const known = existingEvery.get(id);
    if (known === source.interval) continue;
    const data: PollJob = queues.poll.schema.parse({ schema: 1, sourceId: source.id });
    await queue.upsertJobScheduler(id, { every: source.interval }, { name: queues.poll.name, data });
    upserted.push(source.id);
  }
  for (const { key } of existing) {
    if (key.startsWith(PREFIX) && !wanted.has(key)) {
      await queue.removeJobScheduler(key);
      removed.push(key.slice(PREFIX.length));
    }
  }
  return { upserted, removed };
}
