import { join } from 'node:path';
import { CountryCode, EventType } from '@dyad/contracts';
import { z } from 'zod';
import { type DatesLexicon, lexiconsDir, loadDatesLexicon } from './lexicons.ts';
import { DataFileError, knowledgeDir, readYamlFile } from './load-yaml.ts';

export const EventLanguage = z.enum(['ar', 'fr', 'en', 'ru', 'kk']);
export type EventLanguage = z.infer<typeof EventLanguage>;

const Phrases = z.array(z.string().trim().min(1));

/**
 * Event types of DESIGN's table, plus two that the participants decide: `visit` (official, or
 * courtesy when an ambassador calls) and `reception` ("X received Y": a courtesy visit when Y is
 * an ambassador, else a meeting); and `relations`, diplomatic relations established, an `other`
 * event that is always background.
 */
export const TriggerType = z.enum([...EventType.options, 'visit', 'reception', 'relations']);
export type TriggerType = z.infer<typeof TriggerType>;

const monthKeys = Array.from({ length: 12 }, (_, i) => String(i + 1));
const weekdayKeys = Array.from({ length: 7 }, (_, i) => String(i + 1));

export const EventLexicon = z.object({
  lang: EventLanguage,
  /** 1–12 → forms, including Maghrebi and Levantine names in Arabic. */
  months: z.record(z.enum(monthKeys as [string, ...string[]]), Phrases.min(1)),
  /**
   * A month written with a case ending is a date by itself, as "in March" is: Kazakh "наурызда"
   * (in March), "наурыздан бастап" (from March). Elsewhere a bare month needs a word before it.
   */
  monthsByCase: z.boolean().default(false),
  /**
   * A name (a phrase the knowledge base writes with a capital) matches only a word written with
   * one. Kazakh reads words behind their suffixes, and some common words then look like names:
   * "астанасы" (its capital) like Астана.
   */
  namesCapitalised: z.boolean().default(false),
  /**
   * Set where a role's country is written before the role, as its owner ("Қазақстан Сыртқы істер
   * министрі", "Қазақстанның Мароккодағы елшісі", Kazakhstan's ambassador in Morocco), and a
   * country after a role belongs to the next phrase. Cases of lexicons/kazakh-inflection.yaml:
   * `hostCase`, that of the country an office is held in ("Мароккодағы"); `possessorCase`, that of
   * a role which owns the words after it, not a name ("Президентінің Әкімшілігі", the President's
   * Administration).
   */
  countryBeforeRole: z.object({ hostCase: z.string().min(1), possessorCase: z.string().min(1) }).optional(),
  /**
   * Set where a country's adjective may stand inside an office's words, after its first word: "le
   * ministre kazakh des Affaires étrangères", "le ministre russe des Affaires étrangères". Each
   * office of several words is then also read with each demonym of the profile's countries there,
   * and says whose office it is.
   */
  demonymInsideOffice: z.boolean().default(false),
  /**
   * Words that lose their vowel before a vowel, and how they are then written: French `de: d`,
   * `que: qu`. A phrase of the lists that ends in one ("en prévision de") also matches its elided
   * form ("en prévision d’une visite").
   */
  elisions: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** ISO weekday 1 (Monday) – 7 (Sunday) → forms. */
  weekdays: z.record(z.enum(weekdayKeys as [string, ...string[]]), Phrases.min(1)),
  relative: z.object({
    today: Phrases,
    yesterday: Phrases,
    tomorrow: Phrases,
    past: Phrases,
    next: Phrases,
    current: Phrases,
    month: Phrases,
    year: Phrases,
    week: Phrases,
    /**
     * Periods that name no date, where the words of one would otherwise be read ("ces dernières
     * années": in recent years, not "l'année dernière", last year, once plurals are folded).
     */
    vague: Phrases.default([]),
  }),
  yearCues: Phrases,
  /**
   * Words that follow the year they date: "2024 жылы", "в 2025 году". Not "in", "en": written after
   * a year they begin something else ("an executive programme for 2025-2027 in Rabat").
   */
  yearCuesAfter: Phrases.default([]),
  /** "since", "depuis", "منذ": a date right after one is when a state of things began. */
  since: Phrases,
  rangeFrom: Phrases,
  rangeTo: Phrases,
  dayCues: Phrases,
  triggers: z.array(z.object({ type: TriggerType, phrases: Phrases.min(1) })),
  /**
   * A joint body of the two that meets: "the intergovernmental commission", "la commission mixte",
   * "межправкомиссия", "اللجنة المشتركة". Its session is a meeting of its own (also when named right
   * after a meeting word: "the fifth meeting of the joint committee"), never talks told before it.
   */
  jointBodies: Phrases.default([]),
  support: Phrases,
  positions: Phrases,
  parliamentary: Phrases,
  anaphora: Phrases,
  /**
   * Openers of a relative clause ("who is on a visit", "الذي يقوم بزيارة"): a trigger right after
   * one is background to the sentence's own event.
   */
  relativeClause: Phrases,
  /** Pluperfect and "earlier" markers ("had held", "وكان … قد", "avait eu", "ранее"): a trigger right after one is background, told as past. */
  earlier: Phrases,
  /**
   * "took part in", "was attended by", "ont pris part à", "приняли участие", "حضر": a sentence that
   * tells only who attended names the participants of the event told before it.
   */
  attendance: Phrases.default([]),
  /**
   * What one side does that the other may praise or back: "efforts", "policy", "initiative",
   * "reforms", "resolution", "candidacy", "membership". Named beside the other side ("the Egyptian
   * efforts", "la résolution présentée par le Maroc") after a support word ("praised", "ثمن",
   * "a salué"), with someone of the first side in the sentence, it is a position stated on the
   * other side (policy_statement), as the profile's own positions are.
   */
  stances: Phrases.default([]),
  /**
   * One side ready or committed to help, supply or buy from the other: "is ready to help", "prête
   * à fournir", "готова помочь", "مستعدة لمساعدة". With the other side named after it, a position
   * on that side (policy_statement), as a praise of its efforts is.
   */
  commitments: Phrases.default([]),
  /**
   * Words that tell what talks were about: "to discuss", "pour examiner", "для обсуждения", "لبحث"
   * ("met … to discuss the delegation's participation in the forum"). An act named right after one,
   * in a sentence that tells of talks, is their topic, not an event.
   */
  discussion: Phrases.default([]),
  /**
   * Events named in general, no one of them told: "the exchange of visits", "l'échange des visites",
   * "обмен визитами", "تبادل الزيارات". A trigger inside one is no event.
   */
  inGeneral: Phrases.default([]),
  /**
   * Handing over in person: "سلم … رسالة خطية", "handed over a letter", "a remis un message",
   * "передал послание". A message handed over at talks told in the same sentence is part of them, not
   * an act of its own (credentials aside: handing them over is an act).
   */
  handedOver: Phrases.default([]),
  /**
   * Where a verb of talks comes first and its subject stands between it and "with": "بحث محافظ
   * الإسكندرية محمد الشريف مع سفير روسيا …" (the governor of Alexandria discussed with the Russian
   * ambassador …). Opening a sentence, with someone named after `with`, the verb tells talks between
   * them, as "met" does.
   */
  talksWith: z.object({ verbs: Phrases.min(1), with: Phrases.min(1) }).optional(),
  /**
   * Someone recalling an earlier event in their own words: "recalling", "rappelant", "напомнив",
   * "مستحضرا". The event is background told inside the news; what follows goes on with the news.
   */
  recalling: Phrases.default([]),
  /**
   * The delegation that came with someone: "والوفد المرافق له", "and the delegation accompanying
   * him", "et la délégation qui l'accompagne", "и сопровождающую его делегацию". Received or met
   * with it, that someone is visiting.
   */
  accompanyingDelegation: Phrases.default([]),
  /**
   * Verbs of reporting: "said", "announced", "a annoncé", "сообщил", "أعلنت", "أصدرته". A day right
   * after one ("the ministry said on Monday") is when the report was made, not when the events the
   * sentence tells took place.
   */
  reporting: Phrases.default([]),
  /**
   * Someone's own visit, named by a pronoun: "his visit", "sa visite", "его визита", "زيارته". The
   * visitor was told before: the visit has someone, though the sentence names no one.
   */
  possessives: Phrases.default([]),
  /**
   * A share written in words: "percent", "pour cent", "процентов", "بالمئة". Told of a trade flow
   * ("50 percent of Egypt's wheat imports come from Russia"), it is a figure, not a shipment.
   */
  shares: Phrases.default([]),
  /**
   * Prices: "prices", "prix", "цены", "أسعار". A trade word beside one ("export prices", "أسعار
   * تصدير القمح") names a price, not a shipment.
   */
  prices: Phrases.default([]),
  /**
   * Commercial contracts: "a contract", "контракт", "contrat", "عقد توريد". One the two sides sign
   * ("Russia and Egypt signed a contract to build a satellite", "Египет заключил контракт на поставку
   * пшеницы") is an act between them (`other`, like a purchase), not an agreement between states. In
   * Arabic only with its object: "عقد" alone is also "held".
   */
  contracts: Phrases.default([]),
  /**
   * Words of a trend: "increased", "увеличились", "ارتفعت". Trade words beside one ("Russian wheat
   * exports to Egypt rose", "Поставки пшеницы из России в Египет увеличились") tell a figure that
   * changed, not a shipment.
   */
  trends: Phrases.default([]),
  /**
   * Words for someone the article has just named: "the diplomat", "la diplomate", "الدبلوماسية".
   * "S'exprimant lors d'une table ronde, la diplomate a indiqué …" is the ambassador of the sentence
   * before, speaking at that round table.
   */
  epithets: Phrases.default([]),
  /**
   * Sites: "site", "chantier", "площадка", "موقع". A visit to one ("visited the construction site of
   * the plant", "بزيارة موقع إنشاء محطة الضبعة") is a tour of a project, not a visit between the
   * two countries.
   */
  sites: Phrases.default([]),
  /**
   * Tourists and holidaymakers: "Russian tourists visited Egypt", "السياح الروس الذين زاروا مصر",
   * "российские туристы посетили" tell of travel by the public, not a visit between the two states.
   */
  tourists: Phrases.default([]),
  /**
   * A meeting named as the purpose of a journey ("وصل إلى القاهرة للقاء مسؤولين", "arrived to hold
   * talks", "прибыл для переговоров"): where one begins or ends right at a trigger, the trigger is
   * a plan, not told as done. Unlike `future`, it governs that trigger only, not the visit before it.
   */
  purpose: Phrases.default([]),
  /**
   * "Итогом встречи стало …", "The outcome of the talks was …", opening a sentence: the event named
   * right after is the one just told (as "this meeting"). Not further into a sentence: "assessed
   * the results of the official visit in November" recalls another.
   */
  outcome: Phrases.default([]),
  /** "The same day", "في اليوم ذاته": the day of the date told just before. */
  sameDay: Phrases,
  /** "The same year", "в том же году": the year of the date told just before. */
  sameYear: Phrases,
  /**
   * "via", "passant par", "через", "عبر": a country named right after one is crossed on the way
   * ("wheat shipped to Morocco via Latvia"), not a party to what happens.
   */
  transit: Phrases.default([]),
  /**
   * Multilateral gatherings: "summit", "sommet", "саммит", "قمة". A journey told with one ("arrived
   * in Russia to take part in the Russia–Africa summit", "visit to Kazan, where the BRICS summit is
   * held") is no visit between the two; talks on its sidelines still are talks.
   */
  summit: Phrases.default([]),
  /**
   * Words of goods sent from one side to the other: "shipped", "expédié", "отправлена", "تصدير". A
   * shipment takes place where it leaves (the sending side), not where it is headed.
   */
  shipment: Phrases.default([]),
  /**
   * Companies and business people ("representatives of leading Moroccan companies", "رجال الأعمال"):
   * talks of one side with the other side's businesses, no official of theirs present, are a
   * business meeting (`other`), not talks between the two countries.
   */
  business: Phrases.default([]),
  /** "to", "vers", "в", "إلى": a country named right after one is where goods are headed. */
  towards: Phrases.default([]),
  /** "from", "en provenance de", "из", "من": a country named right after one is where goods come from. */
  origin: Phrases.default([]),
  /**
   * "while", "tandis que", "в то время как", "بينما": the two sides named on either side of one are
   * compared ("Kazakhstan bets on its grain exports, while Morocco seeks new markets"), not parties
   * to one act.
   */
  contrast: Phrases.default([]),
  /**
   * "embassy", "ambassade", "посольство", "سفارة": one side's embassy, with no other country named,
   * stands in the other side ("L'ambassade du Kazakhstan a organisé une cérémonie"): the sentence
   * names both.
   */
  embassy: Phrases.default([]),
  /**
   * "presented his credentials", "верительные грамоты": an ambassador presenting credentials (or
   * their copies) is an act of its own (`other`), not a courtesy call, whoever received them.
   */
  credentials: Phrases.default([]),
  /**
   * Verbs of welcoming that name a reception when someone stands right after them ("الرئيس رحب
   * بماتفيينكو", the president welcomed Matviyenko), and not when a decision does ("welcomed the
   * resolution").
   */
  welcome: Phrases.default([]),
  /**
   * Words that open a reported clause ("إن", "that", "que", "что"): "the spokesman for the
   * presidency said that the President received …" — who stands after one is no longer governed by
   * a mention cue before it ("باسم", "on behalf of").
   */
  clauseOpeners: Phrases.default([]),
  future: Phrases,
  denial: Phrases,
  delegation: Phrases,
  pair: Phrases,
  otherCountries: Phrases,
  titles: Phrases,
  accompanied: Phrases,
  counterpart: Phrases,
  /**
   * Words after which the people named are talked about, not present: "on behalf of", "announced
   * by", "under the leadership of". A person right after one is no participant of the event.
   */
  mentioned: Phrases,
  /**
   * Visit words in the plural, as written (lower case): "the visits of the minister and of the
   * speaker" are one visit per person.
   */
  pluralVisits: Phrases,
  /**
   * Office words in the plural, as written (lower case): "the BRICS foreign ministers' meeting", "la
   * réunion des ministres": a group, not one holder of the office.
   */
  pluralOffices: Phrases.default([]),
  /** Words that start or fill a clause, never a name: a run of words holding one is no person ("في", "خلال"). */
  notNames: Phrases.default([]),
  /**
   * "and" in one word: a name, a comma, then "and" with an office is two people ("Посол Египта Хамди
   * Шабан, и заместитель министра …"), not the name's own office. In Arabic the proclitic written on
   * the office ("حمدي شعبان، ونائب وزير الخارجية").
   */
  conjunctions: Phrases.default([]),
  /** Words that may stand between an office and its country: "President of the Republic of …". */
  officeLinks: Phrases.default([]),
  /** Words after which a second country is the one an ambassador is accredited to ("to", "auprès", "при", "لدى"). */
  hostWords: Phrases.default([]),
  /** Words after which a month named alone is a date ("in March", "en mars", "в марте", "في مارس"). */
  monthLeads: Phrases.default([]),
  /** Ordinal endings written against a day number: "21st", "1er", "1-го". */
  ordinalSuffixes: Phrases.default([]),
  /** Words written for a day number: Moroccan "فاتح يناير", the first of January. */
  dayWords: z.record(z.string().trim().min(1), z.int().min(1).max(31)).default({}),
  /**
   * Cues that follow the words they govern, in a language whose postpositions and auxiliaries
   * come after them (Kazakh): each kind means what the list of the same name means, read the other
   * way. `mentioned`: the person right before is talked about ("Тоқаевтың атынан", on behalf of
   * Tokayev); `anaphora`: the event right before is the one told already ("сапар барысында",
   * during the visit); `relativeClause`: the event right before is the setting ("сапармен жүрген",
   * who is on a visit); `earlier`: the event right before is told as past ("жолдаған болатын", had
   * sent); `since`: the date right before is when a state of things began ("2016 жылдан бері").
   */
  after: z
    .object({
      mentioned: Phrases.default([]),
      anaphora: Phrases.default([]),
      relativeClause: Phrases.default([]),
      earlier: Phrases.default([]),
      since: Phrases.default([]),
    })
    .prefault({}),
  /**
   * Words that make a person's name next to them the name of a place or a body: "the Mohammed VI
   * Institute", "l'Université Mohammed V", "جامعة محمد الخامس", "Назарбаев Университет". A name
   * right before or after one is no person taking part.
   */
  institutions: Phrases.default([]),
  offices: z.array(
    z.object({
      office: z.string().regex(/^[a-z-]+$/),
      /** Set when the phrase names an institution of one country (the Mazhilis, the House of Councillors). */
      country: CountryCode.optional(),
      phrases: Phrases.min(1),
    }),
  ),
  agreements: z.array(z.object({ name: z.string().min(1), phrases: Phrases.min(1) })),
  gatherings: z.array(z.object({ series: z.string().regex(/^[a-z-]+$/), phrases: Phrases.min(1) })),
  /** Stable English slug → words. */
  topics: z.record(z.string().regex(/^[a-z-]+$/), Phrases.min(1)),
  /** Words that end with a dot without ending the sentence. */
  abbreviations: Phrases,
  /**
   * One state approving an agreement at home, after it was signed: an agreement's `approved` step
   * (`agreementActs` of article.extracted), never an event between the two. Read only in a
   * sentence that names an agreement and both sides (the approving side may be named by its body
   * or its people).
   */
  agreementApproval: z
    .object({
      /** Words that approve by themselves: "ratified", "ratification", "ратифицировал", "صادق على". */
      ratify: Phrases.default([]),
      /**
       * Words that approve only beside an approver (`approvers`): "approved", "a approuvé",
       * "одобрил", "وافق على", "мақұлдады" — the sides "approved a roadmap" at a meeting is no
       * approval at home.
       */
      approve: Phrases.default([]),
      /**
       * Who or what approves at home: a parliament and its houses, a government, a head of state,
       * and the instruments (a law, a decree, a dahir).
       */
      approvers: Phrases.default([]),
      /** Approving bodies of one country by their own names: the Mazhilis (KZ), مجلس المستشارين (MA). */
      approversOf: z.array(z.object({ country: CountryCode, phrases: Phrases.min(1) })).default([]),
      /**
       * Words that make the approval one still to come: "must be ratified", "subject to
       * ratification", "pending ratification", "после ратификации", "بعد المصادقة". The lexicon's
       * `future` and `denial` words count too.
       */
      pending: Phrases.default([]),
    })
    .prefault({}),
});
export type EventLexicon = z.infer<typeof EventLexicon>;

export const eventLexiconsDir = join(knowledgeDir, 'lexicons', 'events');
export const eventLanguages: readonly EventLanguage[] = EventLanguage.options;

/** What `lexicons/events/<lang>.yaml` holds: the lexicon but its month and weekday names. */
export const EventLexiconFile = EventLexicon.omit({ months: true, weekdays: true });

/**
 * Reads and checks `lexicons/events/<lang>.yaml`, what the extractor reads events with, and gives it
 * the month and weekday names of `lexicons/dates.yaml` (their one home, shared with the cleaner).
 */
export function loadEventLexicon(
  lang: EventLanguage,
  dates: DatesLexicon = loadDatesLexicon(),
): EventLexicon {
  const file = join(eventLexiconsDir, `${lang}.yaml`);
  const lexicon = readYamlFile(file, EventLexiconFile);
  if (lexicon.lang !== lang) throw new DataFileError(file, [`lang: says ${lexicon.lang}, expected ${lang}`]);
  const months = dates.months[lang];
  const weekdays = dates.weekdays[lang];
  if (!months || !weekdays)
    throw new DataFileError(join(lexiconsDir, 'dates.yaml'), [`months or weekdays: none for ${lang}`]);
  return EventLexicon.parse({ ...lexicon, months, weekdays });
}
