import { join } from 'node:path';
import { z } from 'zod';
import { knowledgeDir, readYamlFile } from './load-yaml.ts';

const Suffixes = z.array(z.string().regex(/^\p{Ll}+$/u)).min(1);
const Letter = z.string().regex(/^\p{Ll}$/u);

/**
 * `lexicons/kazakh-inflection.yaml`: the suffixes a Kazakh word's stem is read behind. The data
 * only: `kazakhStemmer` in `@dyad/text` reads words with it.
 */
export const KazakhInflection = z.object({
  /** Endings by case (genitive, dative, …, hostLocative). */
  case: z.record(z.string().regex(/^[a-zA-Z]+$/), Suffixes),
  possessive: Suffixes,
  plural: Suffixes,
  verb: Suffixes,
  voicing: z.record(Letter, Letter),
  minStem: z.int().min(1),
});
export type KazakhInflection = z.infer<typeof KazakhInflection>;

export function loadKazakhInflection(
  file = join(knowledgeDir, 'lexicons', 'kazakh-inflection.yaml'),
): KazakhInflection {
  return readYamlFile(file, KazakhInflection);
}
