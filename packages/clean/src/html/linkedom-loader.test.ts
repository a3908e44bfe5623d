import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkedom, linkedomPatched, patchEventTarget } from './linkedom-loader.ts';

const linkedomDir = dirname(createRequire(import.meta.url).resolve('linkedom'));

describe('linkedom with lazy listener maps', () => {
  it('is what this process loaded', () => {
    expect(linkedomPatched()).toBe(true);
  });

  it('patches the event-target.js that linkedom ships, and only that source', () => {
    const source = readFileSync(join(linkedomDir, 'interface/event-target.js'), 'utf8');
    const patched = patchEventTarget(source);
    expect(patched).toBeDefined();
    expect(patched).not.toMatch(/constructor\(\)\s*\{\s*wm\.set/);
    expect(patched).toContain('if (!map) wm.set(this, (map = new Map));');
    expect(patchEventTarget('class Other {}')).toBeUndefined();
  });

  it('still adds, dispatches and removes listeners', () => {
    const { document, Event } = linkedom.parseHTML(
      '<html><body><p id="a">x</p><p id="b">y</p></body></html>',
    ) as unknown as {
      document: Document;
      Event: typeof globalThis.Event;
    };
    const a = document.getElementById('a');
    const b = document.getElementById('b');
    const seen: string[] = [];
    const listener = (event: Event): void => {
      seen.push(event.type);
    };
    a?.addEventListener('ping', listener);
    a?.dispatchEvent(new Event('ping'));
    b?.dispatchEvent(new Event('ping'));
    b?.removeEventListener('ping', listener);
    a?.removeEventListener('ping', listener);
    a?.dispatchEvent(new Event('ping'));
    expect(seen).toEqual(['ping']);
  });
});
