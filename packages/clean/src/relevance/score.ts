import type { Profile, TermKind } from '@dyad/knowledge';
import type { Token } from '@dyad/text';
import { type CompiledTerm, profileMatcher, type TermMatcher } from './matcher.ts';

export interface RelevanceResult {
  readonly score: number;
  readonly relevant: boolean;
  readonly reasons: string[];
  readonly assessed: true;
}

export interface RelevanceInput {
  readonly title: string;
  readonly paragraphs: readonly string[];
  /** The text's language, when it changes how names are matched (Kazakh words behind their suffixes). */
  readonly lang?: string;
}

/** A profile ready to score with: its matcher is built once. */
export interface RelevanceModel {
  readonly profile: Profile;
  readonly matcher: TermMatcher;
}

const models = new WeakMap<Profile, RelevanceModel>();

export function relevanceModel(profile: Profile): RelevanceModel {
  let model = models.get(profile);
  if (!model) {
    model = { profile, matcher: profileMatcher(profile) };
    models.set(profile, model);
  }
  return model;
}

/** A unit of text the scorer looks at: the title, or one sentence of a paragraph. */
interface Unit {
  readonly tokens: Token[];
  readonly paragraph: number;
  readonly title: boolean;
}

const SENTENCE_END = /(?<=[.!?؟…])\s+|\n+/u;

function units(input: RelevanceInput, matcher: TermMatcher): Unit[] {
  const out: Unit[] = [{ tokens: matcher.tokens(input.title, input.lang), paragraph: -1, title: true }];
  for (const [p, paragraph] of input.paragraphs.entries()) {
    for (const sentence of paragraph.split(SENTENCE_END)) {
      const tokens = matcher.tokens(sentence, input.lang);
      if (tokens.length > 0) out.push({ tokens, paragraph: p, title: false });
    }
  }
  return out;
}

interface Side {
  weight: number;
  /** Named by more than a city (a name, a demonym, its capital, a leader, an institution). */
  strong: boolean;
  /** Mentions of its cities in the title and lead, and in the body. */
  citiesInHeader: number;
  citiesInBody: number;
  inTitle: boolean;
  inLead: boolean;
  /** term → count, for reasons. */
  readonly terms: Map<string, { kind: TermKind; count: number }>;
}

/** How often a side's cities must be named, once at least in the title or lead, to name the side. */
const CITY_MENTIONS_TO_NAME = 3;

/**
 * "CASABLANCA. KAZINFORM The Astana International Financial Centre and Casablanca Finance City
 * Authority signed a memorandum …": a side whose city the title or lead names, and the article
 * names again and again, is named by it. Not a city in passing ("Kazakhstan invited firms from
 * Casablanca and Marrakesh").
 */
function namedByItsCity(side: Side): boolean {
  return side.citiesInHeader > 0 && side.citiesInHeader + side.citiesInBody >= CITY_MENTIONS_TO_NAME;
}

/** How many tokens from the start count as the lead. */
const LEAD_TOKENS = 80;
/** Found in the title, a country weighs this much more (and this much for the lead). */
const TITLE_BOOST = 2;
const LEAD_BOOST = 1;
/** A side's weight w gives 1 − e^(−w/SATURATION): one passing name ≈ 0.28, five ≈ 0.81. */
const SATURATION = 3;

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * How much an article is about the dyad, 0–1, with the reasons. Each country's side weighs its
 * mentions (names, demonyms, capitals, leaders, institutions; cities less), more in the title and
 * the lead; the score is the geometric mean of both sides, scaled by how often both occur in one
 * sentence and by how balanced they are — so an article about Morocco and a third country that
 * names Kazakhstan in passing stays below the threshold. Relevant needs the threshold and both
 * countries named by more than a city.
 */
export function scoreRelevance(input: RelevanceInput, model: RelevanceModel): RelevanceResult {
  const { profile, matcher } = model;
  const { weights, threshold } = profile.relevance;
  const codes = profile.countries.map((c) => c.code);
  const sides = new Map<string, Side>(
    codes.map((code) => [
      code,
      {
        weight: 0,
        strong: false,
        citiesInHeader: 0,
        citiesInBody: 0,
        inTitle: false,
        inLead: false,
        terms: new Map(),
      },
    ]),
  );
  let together = 0;
  // "Отправлена первая партия казахстанского зерна в Королевство Марокко": a short dispatch whose
  // lead names both in one sentence says little else, and scores low for it.
  let togetherInLead = false;
  const paragraphsWith = new Map<string, Set<number>>(codes.map((code) => [code, new Set()]));
  let tokensSeen = 0;
  for (const unit of units(input, matcher)) {
    const present = new Set<string>();
    for (const { term } of matcher.match(unit.tokens, input.lang)) {
      const side = sides.get(term.country);
      if (!side) continue;
      present.add(term.country);
      side.weight += weights[term.kind];
      if (term.kind !== 'cities') side.strong = true;
      else if (unit.title || tokensSeen < LEAD_TOKENS) side.citiesInHeader++;
      else side.citiesInBody++;
      if (unit.title) side.inTitle = true;
      else if (tokensSeen < LEAD_TOKENS) side.inLead = true;
      count(side, term);
      if (!unit.title) paragraphsWith.get(term.country)?.add(unit.paragraph);
    }
    if (present.size === codes.length) {
      together++;
      if (unit.title || tokensSeen < LEAD_TOKENS) togetherInLead = true;
    }
    if (!unit.title) tokensSeen += unit.tokens.length;
  }

  const sideScores = codes.map((code) => {
    const side = sides.get(code);
    if (!side || side.weight === 0) return 0;
    const w = side.weight + (side.inTitle ? TITLE_BOOST : 0) + (side.inLead ? LEAD_BOOST : 0);
    return 1 - Math.exp(-w / SATURATION);
  });
  const [a = 0, b = 0] = sideScores;
  const [wa = 0, wb = 0] = codes.map((code) => sides.get(code)?.weight ?? 0);
  const sameParagraph = [...(paragraphsWith.get(codes[0] ?? '') ?? [])].some((p) =>
    paragraphsWith.get(codes[1] ?? '')?.has(p),
  );
  const proximity = together > 0 ? 1 - Math.exp(-together) : sameParagraph ? 0.3 : 0;
  const balance = Math.max(wa, wb) === 0 ? 0 : Math.min(wa, wb) / Math.max(wa, wb);
  const score = round(Math.sqrt(a * b) * (0.4 + 0.6 * proximity) * (0.6 + 0.4 * Math.min(1, 3 * balance)));
  const allStrong = codes.every((code) => {
    const side = sides.get(code);
    return side !== undefined && (side.strong || namedByItsCity(side));
  });
  // Both in one sentence of the title or lead is enough to read on: the extractor then keeps the
  // article only if it tells an event between the two (two-step relevance).
  const relevant = (score >= threshold || togetherInLead) && allStrong;

  const reasons = codes.map((code) => describeSide(code, sides.get(code)));
  reasons.push(
    together > 0
      ? `both named in ${together} sentence${together === 1 ? '' : 's'}`
      : sameParagraph
        ? 'both named in one paragraph, never in one sentence'
        : 'never named together',
  );
  const missing = codes.filter((code) => !sides.get(code)?.strong);
  reasons.push(
    missing.length > 0
      ? `not about the dyad: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not named (a city alone does not count)`
      : score >= threshold || !relevant
        ? `score ${score} ${relevant ? '≥' : '<'} ${threshold}: ${relevant ? 'relevant' : 'not relevant'}`
        : `score ${score} < ${threshold}, but both named in one sentence of the lead: relevant`,
  );
  return { score, relevant, reasons, assessed: true };
}

function count(side: Side, term: CompiledTerm): void {
  const entry = side.terms.get(term.term);
  if (entry) entry.count++;
  else side.terms.set(term.term, { kind: term.kind, count: 1 });
}

const KIND_LABEL: Record<TermKind, string> = {
  names: 'name',
  demonyms: 'demonym',
  capitals: 'capital',
  leaders: 'leader',
  institutions: 'institution',
  agencies: 'agency',
  cities: 'city',
};

function describeSide(code: string, side: Side | undefined): string {
  if (!side || side.terms.size === 0) return `${code}: not named`;
  const parts = [...side.terms]
    .sort((x, y) => y[1].count - x[1].count)
    .slice(0, 6)
    .map(([term, { kind, count: n }]) => `${KIND_LABEL[kind]} «${term}» ×${n}`);
  const where = [side.inTitle ? 'title' : '', side.inLead ? 'lead' : ''].filter(Boolean);
  return `${code}: ${parts.join(', ')}${where.length ? ` (in ${where.join(' and ')})` : ''}`;
}
