import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';

/** The package root: data files live beside `src/`. */
export const knowledgeDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export class KnowledgeError extends Error {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`knowledge ${file}: ${message}`, options);
    this.name = 'KnowledgeError';
    this.file = file;
  }
}

/** Reads a YAML data file and checks it against its schema, naming every bad field. */
export function loadYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new KnowledgeError(file, cause instanceof Error ? cause.message : String(cause), { cause });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}
