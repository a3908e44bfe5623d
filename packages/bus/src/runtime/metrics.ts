import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The counters every worker reports, labelled by `worker` (a consumer or `queue:<name>`). */
export interface WorkerMetrics {
  readonly registry: Registry;
  readonly processed: Counter<'worker'>;
  readonly failed: Counter<'worker'>;
  readonly deadLettered: Counter<'worker' | 'reason'>;
  readonly processingSeconds: Histogram<'worker'>;
}

export function createMetrics(service: string): WorkerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    processed: new Counter({
      name: 'dyad_messages_processed_total',
      help: 'Messages or jobs handled successfully',
      labelNames: ['worker'],
      registers: [registry],
    }),
    failed: new Counter({
      name: 'dyad_messages_failed_total',
      help: 'Handler failures (each retried or dead-lettered)',
      labelNames: ['worker'],
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: 'dyad_messages_dead_lettered_total',
      help: 'Messages or jobs given up on, by reason',
      labelNames: ['worker', 'reason'],
      registers: [registry],
    }),
    processingSeconds: new Histogram({
      name: 'dyad_processing_seconds',
      help: 'Time spent handling one message or job',
      labelNames: ['worker'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
}
