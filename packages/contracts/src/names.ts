import { type StreamName, streams } from './catalog.ts';

/**
 * Concrete names on the servers. A namespace lets several Dyad instances, or several tests, share
 * one NATS, Redis and PostgreSQL: `ns.article.fetched` on stream `ns_ARTICLES`, object store
 * `ns_raw`, BullMQ prefix `dyad:ns`. The empty namespace gives DESIGN's names exactly.
 */
export interface Names {
  readonly namespace: string;
  subject(subject: string): string;
  /** The subject relative to the namespace; undefined when it lies outside it. */
  localSubject(subject: string): string | undefined;
  stream(name: StreamName): string;
  streamSubjects(name: StreamName): string[];
  objectStore(name: 'raw'): string;
  queuePrefix(): string;
}

const NAMESPACE = /^[A-Za-z0-9_-]{0,40}$/;

export class InvalidNamespaceError extends Error {
  constructor(namespace: string) {
    super(`invalid namespace "${namespace}": use up to 40 letters, digits, "_" or "-"`);
    this.name = 'InvalidNamespaceError';
  }
}

export function names(namespace = ''): Names {
  if (!NAMESPACE.test(namespace)) throw new InvalidNamespaceError(namespace);
  const ns = namespace;
  const subject = (s: string) => (ns ? `${ns}.${s}` : s);
  return {
    namespace: ns,
    subject,
    localSubject: (s) => {
      if (!ns) return s;
      return s.startsWith(`${ns}.`) ? s.slice(ns.length + 1) : undefined;
    },
    stream: (name) => (ns ? `${ns}_${name}` : name),
    streamSubjects: (name) => streams[name].subjects.map(subject),
    objectStore: (name) => (ns ? `${ns}_${name}` : name),
    queuePrefix: () => (ns ? `dyad:${ns}` : 'dyad'),
  };
}
