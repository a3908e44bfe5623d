import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssues } from '@dyad/contracts';
import { parse } from 'yaml';
import type { z } from 'zod';

/** The package root: data files live beside `src/`. */
export const knowledgeDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A data file (profile, actors, lexicon, sources, …) that cannot be read, does not parse, or does
 * not match its schema; `issues` name each problem with its field. The one error of every YAML
 * data file Dyad reads.
 */
export class DataFileError extends Error {
  readonly file: string;
  readonly issues: readonly string[];
  constructor(file: string, issues: readonly string[], options?: { cause?: unknown }) {
    super(`${file}: ${issues.join('; ')}`, options);
    this.name = 'DataFileError';
    this.file = file;
    this.issues = issues;
  }
}

/** Parses YAML text against a schema, or throws a DataFileError naming every problem. */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (cause) {
    throw new DataFileError(file, [cause instanceof Error ? cause.message : String(cause)], { cause });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DataFileError(file, formatIssues(parsed.error));
  return parsed.data;
}

/** Reads a YAML data file and checks it against its schema: the one loader of Dyad's data files. */
export function readYamlFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new DataFileError(file, [cause instanceof Error ? cause.message : String(cause)], { cause });
  }
  return parseYaml(file, text, schema);
}
