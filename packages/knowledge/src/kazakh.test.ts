import { describe, expect, it } from 'vitest';
import { loadKazakhInflection } from './kazakh.ts';

describe('lexicons/kazakh-inflection.yaml', () => {
  const data = loadKazakhInflection();

  it('lists every suffix once per layer, in lower case', () => {
    for (const layer of [Object.values(data.case).flat(), data.possessive, data.plural, data.verb]) {
      expect(new Set(layer).size).toBe(layer.length);
      for (const suffix of layer) expect(suffix).toBe(suffix.toLowerCase());
    }
  });

  it('has both vowel-harmony variants of the case endings', () => {
    for (const [back, front] of [
      ['ның', 'нің'],
      ['ға', 'ге'],
      ['да', 'де'],
      ['дан', 'ден'],
      ['дағы', 'дегі'],
    ])
      expect(Object.values(data.case).flat()).toEqual(expect.arrayContaining([back, front]));
  });
});
