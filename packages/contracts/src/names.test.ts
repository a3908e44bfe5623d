import { describe, expect, it } from 'vitest';
import { InvalidNamespaceError, names } from './names.ts';

describe('names', () => {
  it("gives DESIGN's names exactly without a namespace", () => {
    const n = names();
    expect(n.subject('new-event')).toBe('new-event');
    expect(n.stream('ARTICLES')).toBe('ARTICLES');
    expect(n.streamSubjects('EVENTS')).toEqual(['new-event', 'event-updated']);
    expect(n.objectStore('raw')).toBe('raw');
    expect(n.queuePrefix()).toBe('dyad');
  });

  it('prefixes everything with a namespace', () => {
    const n = names('t_1');
    expect(n.subject('article.fetched')).toBe('t_1.article.fetched');
    expect(n.localSubject('t_1.article.fetched')).toBe('article.fetched');
    expect(n.localSubject('other.article.fetched')).toBeUndefined();
    expect(n.stream('DLQ')).toBe('t_1_DLQ');
    expect(n.streamSubjects('DLQ')).toEqual(['t_1.dlq.>']);
    expect(n.objectStore('raw')).toBe('t_1_raw');
    expect(n.queuePrefix()).toBe('dyad:t_1');
  });

  it('refuses characters that NATS names cannot hold', () => {
    for (const bad of ['a.b', 'a b', 'a*', 'a>', 'x'.repeat(41)])
      expect(() => names(bad)).toThrow(InvalidNamespaceError);
  });
});
