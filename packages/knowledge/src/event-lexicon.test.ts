import { describe, expect, it } from 'vitest';
import { eventLanguages, loadEventLexicon } from './event-lexicon.ts';
import { loadKazakhInflection } from './kazakh.ts';

describe('lexicons/events/*.yaml', () => {
  it('loads every language with twelve months, seven weekdays and every event type', () => {
    for (const lang of eventLanguages) {
      const lexicon = loadEventLexicon(lang);
      expect(Object.keys(lexicon.months)).toHaveLength(12);
      expect(Object.keys(lexicon.weekdays)).toHaveLength(7);
      const types = new Set(lexicon.triggers.map((t) => t.type));
      for (const type of [
        'official_visit',
        'courtesy_visit',
        'bilateral_meeting',
        'phone_call',
        'agreement_signing',
      ])
        expect(types.has(type as never), `${lang} ${type}`).toBe(true);
    }
  });

  it('knows the Moroccan month names', () => {
    const ar = loadEventLexicon('ar');
    expect(ar.months['8']).toContain('غشت');
    expect(ar.months['9']).toContain('شتنبر');
    expect(ar.months['12']).toContain('دجنبر');
    expect(ar.months['7']).toContain('يوليوز');
  });

  it('uses the same topic slugs and office keys in every language', () => {
    const ar = loadEventLexicon('ar');
    const officeKeys = new Set(ar.offices.map((o) => o.office));
    for (const lang of eventLanguages) {
      const lexicon = loadEventLexicon(lang);
      for (const o of lexicon.offices) expect(officeKeys.has(o.office), `${lang} ${o.office}`).toBe(true);
      expect(Object.keys(lexicon.topics)).toEqual(
        expect.arrayContaining(['trade', 'visa', 'culture', 'parliament']),
      );
    }
  });

  it('reads Kazakh as a head-final language, with the cases it names in the inflection data', () => {
    const kk = loadEventLexicon('kk');
    expect(kk.monthsByCase).toBe(true);
    expect(kk.namesCapitalised).toBe(true);
    const cases = Object.keys(loadKazakhInflection().case);
    expect(cases).toContain(kk.countryBeforeRole?.hostCase);
    expect(cases).toContain(kk.countryBeforeRole?.possessorCase);
    expect(kk.after.mentioned).toContain('атынан');
    expect(kk.after.since).toEqual(expect.arrayContaining(['бері', 'бастап']));
    // Every other language writes its cues before what they govern; Arabic's adjectives follow
    // their noun ("الزيارة الأخيرة", the recent visit), its other cues come first.
    for (const lang of eventLanguages.filter((l) => l !== 'kk')) {
      const lexicon = loadEventLexicon(lang);
      const { earlier, ...others } = lexicon.after;
      expect(Object.values(others).flat(), lang).toEqual([]);
      if (lang !== 'ar') expect(earlier, lang).toEqual([]);
      expect(lexicon.countryBeforeRole, lang).toBeUndefined();
    }
  });

  it('gives the people and date grammars their words in every language that writes a role’s country after it', () => {
    for (const lang of eventLanguages.filter((l) => l !== 'kk')) {
      const lexicon = loadEventLexicon(lang);
      expect(lexicon.officeLinks.length, `${lang} officeLinks`).toBeGreaterThan(0);
      expect(lexicon.hostWords.length, `${lang} hostWords`).toBeGreaterThan(0);
      expect(lexicon.monthLeads.length, `${lang} monthLeads`).toBeGreaterThan(0);
      expect(lexicon.transit.length, `${lang} transit`).toBeGreaterThan(0);
      expect(lexicon.institutions.length, `${lang} institutions`).toBeGreaterThan(0);
    }
    // Arabic runs of unclaimed words are names unless a clause word stands in them.
    expect(loadEventLexicon('ar').notNames).toEqual(expect.arrayContaining(['في', 'خلال', 'رئيس']));
    expect(loadEventLexicon('ar').dayWords).toEqual({ فاتح: 1 });
  });

  it('gives every language the words of an agreement approved at home, and of one still to come', () => {
    for (const lang of eventLanguages) {
      const { ratify, approve, approvers, approversOf, pending } = loadEventLexicon(lang).agreementApproval;
      for (const [name, list] of Object.entries({ ratify, approve, approvers, pending }))
        expect(list.length, `${lang} agreementApproval.${name}`).toBeGreaterThan(0);
      // Bodies of one country by their own names: the Mazhilis is Kazakhstan's in every language.
      expect(approversOf.find((b) => b.country === 'KZ')?.phrases.length, lang).toBeGreaterThan(0);
      // A word still to come is no word of approval: "ratified" is, "must be ratified" is not.
      const acts = new Set([...ratify, ...approve]);
      for (const p of pending) expect(acts.has(p), `${lang} ${p}`).toBe(false);
    }
    expect(loadEventLexicon('en').agreementApproval.pending).toContain('must be ratified');
    expect(loadEventLexicon('ru').agreementApproval.ratify).toContain('ратифицировал');
  });
});
