import { readYamlFile } from '@dyad/knowledge';
import { z } from 'zod';
import { defaultTrackingParamsFile } from '../data-files.ts';

const ParamName = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." or "-"');

export const TrackingParamsFile = z.object({
  params: z
    .array(z.union([z.object({ name: ParamName }).strict(), z.object({ prefix: ParamName }).strict()]))
    .min(1),
});
export type TrackingParamsFile = z.infer<typeof TrackingParamsFile>;

/** Whether a query parameter name is a tracking parameter. */
export type TrackingParamTest = (name: string) => boolean;

export function trackingParamTest(file: TrackingParamsFile): TrackingParamTest {
  const names = new Set<string>();
  const prefixes: string[] = [];
  for (const entry of file.params) {
    if ('name' in entry) names.add(entry.name.toLowerCase());
    else prefixes.push(entry.prefix.toLowerCase());
  }
  return (name) => {
    const lower = name.toLowerCase();
    return names.has(lower) || prefixes.some((p) => lower.startsWith(p));
  };
}

export function loadTrackingParams(file = defaultTrackingParamsFile): TrackingParamTest {
  return trackingParamTest(readYamlFile(file, TrackingParamsFile));
}
