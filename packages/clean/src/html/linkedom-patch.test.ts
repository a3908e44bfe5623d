import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';

// The installed linkedom, both builds: cjs/ (what require finds) and esm/.
const root = dirname(dirname(createRequire(import.meta.url).resolve('linkedom')));

describe('linkedom with lazy listener maps (infra/patches/linkedom@0.18.14.patch)', () => {
  it.each(['esm', 'cjs'])('is installed patched (%s)', (build) => {
    const source = readFileSync(join(root, build, 'interface', 'event-target.js'), 'utf8');
    expect(source).not.toMatch(/constructor\(\)\s*\{\s*wm\.set\(this, new Map\)/);
    expect(source).toContain('if (!map) wm.set(this, (map = new Map));');
    expect(source).toMatch(/const map = wm\.get\(currentTarget\);\s*if \(map && map\.has/);
  });

  it('still adds, dispatches and removes listeners', () => {
    const { document, Event } = parseHTML(
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
