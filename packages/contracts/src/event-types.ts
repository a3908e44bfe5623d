import type { EventType } from './schemas/event.ts';

/**
 * Reports of one event may name its type differently (a signing reported as a joint statement):
 * events merge, and are matched against gold, within a class.
 */
export type TypeClass = 'visit' | 'meeting' | 'agreement' | 'entry_into_force' | 'statement' | 'other';

/**
 * What is known of an event type: its CAMEO code and class, and what a person is told (its name in
 * the interface's languages, a colour and an icon).
 */
export interface EventTypeFacts {
  /** The CAMEO code that travels beside the type. */
  readonly cameo: string;
  readonly class: TypeClass;
  /** The type's name in English, French and Arabic (the web interface's languages). */
  readonly label: { readonly en: string; readonly fr: string; readonly ar: string };
  /** DESIGN's meaning of the type (docs/architecture.md, "Event grain and types"). */
  readonly meaning: string;
  /** A colour for marks and charts (#rrggbb); distinct between types, dark enough on white. */
  readonly colour: string;
  /** An SVG path in a 16×16 box, filled with the colour. */
  readonly icon: string;
}

/** The one place that names and colours each event type for people (web pages, feeds). */
export const eventTypeFacts: Readonly<Record<EventType, EventTypeFacts>> = {
  official_visit: {
    cameo: '042',
    class: 'visit',
    label: { en: 'Official visit', fr: 'Visite officielle', ar: 'زيارة رسمية' },
    meaning: 'A delegation travels (state, official, working, parliamentary).',
    colour: '#1f5fa8',
    // A flag on its pole.
    icon: 'M3 1h1.5v14H3zM5 2h8l-2 3 2 3H5z',
  },
  courtesy_visit: {
    cameo: '043',
    class: 'visit',
    label: { en: 'Courtesy visit', fr: 'Visite de courtoisie', ar: 'زيارة مجاملة' },
    meaning: 'A call on an official, typically by an ambassador.',
    colour: '#3d6ca8',
    // A door.
    icon: 'M3 1h10v14H3zm2 2v10h6V3zm4 5h1.5v1.5H9z',
  },
  bilateral_meeting: {
    cameo: '040',
    class: 'meeting',
    label: { en: 'Bilateral meeting', fr: 'Réunion bilatérale', ar: 'لقاء ثنائي' },
    meaning: 'Talks between officials, including on the sidelines of a summit.',
    colour: '#2e7d32',
    // Two people.
    icon: 'M4.5 2a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zm7 0a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zM0 14c0-3 2-5 4.5-5S9 11 9 14zm7 0c0-3 2-5 4.5-5S16 11 16 14z',
  },
  parliamentary_meeting: {
    cameo: '040',
    class: 'meeting',
    label: { en: 'Parliamentary meeting', fr: 'Réunion parlementaire', ar: 'لقاء برلماني' },
    meaning: 'Talks between parliamentarians or friendship groups.',
    colour: '#55801f',
    // A building with columns.
    icon: 'M8 1l7 4H1zM2 6h2v7H2zm5 0h2v7H7zm5 0h2v7h-2zM1 14h14v1.5H1z',
  },
  phone_call: {
    cameo: '040',
    class: 'meeting',
    label: { en: 'Phone call', fr: 'Entretien téléphonique', ar: 'اتصال هاتفي' },
    meaning: 'A call or video call.',
    colour: '#00737d',
    // A handset.
    icon: 'M3 1l3 1 1 3.5-2 1.5c1 2 2.5 3.5 4.5 4.5l1.5-2 3.5 1 1 3-2 2C7 15 1 9 1 3z',
  },
  agreement_signing: {
    cameo: '057',
    class: 'agreement',
    label: { en: 'Agreement signed', fr: 'Accord signé', ar: 'توقيع اتفاق' },
    meaning: 'An agreement, memorandum, roadmap or programme signed.',
    colour: '#a8560b',
    // A pen over a line.
    icon: 'M11 1l4 4-8 8H3V9zM1 14.5h14V16H1z',
  },
  joint_statement: {
    cameo: '057',
    class: 'agreement',
    label: { en: 'Joint statement', fr: 'Déclaration conjointe', ar: 'بيان مشترك' },
    meaning: 'A joint declaration or communiqué adopted.',
    colour: '#8a6d00',
    // A page with lines.
    icon: 'M3 1h7l3 3v11H3zm2 5v1.5h6V6zm0 3v1.5h6V9zm0 3v1.5h4V12z',
  },
  agreement_entry_into_force: {
    cameo: '057',
    class: 'entry_into_force',
    label: { en: 'Agreement in force', fr: 'Entrée en vigueur', ar: 'دخول اتفاق حيز التنفيذ' },
    meaning: 'An agreement takes effect (e.g. a visa waiver).',
    colour: '#7b1fa2',
    // A tick in a circle.
    icon: 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm3.5 4L7 9.5 4.5 7 3.5 8 7 11.5l5.5-5.5z',
  },
  policy_statement: {
    cameo: '051',
    class: 'statement',
    label: { en: 'Policy statement', fr: 'Prise de position', ar: 'موقف سياسي' },
    meaning: 'One side states a position on the other (e.g. support for the autonomy plan).',
    colour: '#b71c1c',
    // A speech bubble.
    icon: 'M1 2h14v9H7l-4 3.5V11H1z',
  },
  other: {
    cameo: '010',
    class: 'other',
    label: { en: 'Other', fr: 'Autre', ar: 'أخرى' },
    meaning: 'Any other bilateral act (embassy opening, trade shipment, message of congratulations).',
    colour: '#5f6368',
    // A dot.
    icon: 'M8 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8z',
  },
};

/** The class of an event type (see `TypeClass`). */
export function typeClassOf(type: EventType): TypeClass {
  return eventTypeFacts[type].class;
}
