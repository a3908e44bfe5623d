import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schemas.ts';

const dir = join(import.meta.dirname, '../../../docs/schemas');

describe('docs/schemas', () => {
  it('matches the zod schemas (run `pnpm schemas` after changing a contract)', () => {
    const generated = jsonSchemas();
    const onDisk = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(onDisk.sort()).toEqual(Object.keys(generated).sort());
    for (const [file, schema] of Object.entries(generated)) {
      const stored = readFileSync(join(dir, file), 'utf8');
      expect(stored, `${file} is stale: run \`pnpm schemas\``).toBe(`${JSON.stringify(schema, null, 2)}\n`);
    }
  });

  it('describes new-event with the fields DESIGN promises', () => {
    const schema = jsonSchemas()['new-event.v1.json'] as { required: string[] };
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'schema',
        'eventId',
        'version',
        'type',
        'cameo',
        'date',
        'participants',
        'sources',
      ]),
    );
  });
});
