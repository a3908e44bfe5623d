import { readFileSync } from 'node:fs';
import { DataFileError, parseYaml } from '@dyad/knowledge';
import { type Source, SourcesFile } from './source-schema.ts';

export interface LoadedSources {
  readonly file: string;
  readonly sources: readonly Source[];
  /** The file's text, to tell a real change from a touch. */
  readonly text: string;
}

/** Reads and checks a sources file; throws a DataFileError that names every problem. */
export function loadSources(file: string): LoadedSources {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new DataFileError(file, [cause instanceof Error ? cause.message : String(cause)], { cause });
  }
  return { file, text, sources: parseSources(file, text) };
}

export function parseSources(file: string, text: string): Source[] {
  return parseYaml(file, text, SourcesFile).sources;
}
