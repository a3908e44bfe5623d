import type { EventDate } from '@dyad/contracts';
import { LOCALE, type Messages, type UiLanguage } from './i18n.ts';

function utc(value: string): Date {
  return new Date(`${value}${value.length === 7 ? '-01' : ''}T00:00:00Z`);
}

function formatter(hl: UiLanguage, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(LOCALE[hl], { timeZone: 'UTC', ...options });
}

/** A YYYY, YYYY-MM or YYYY-MM-DD as people write it. */
export function formatPartialDate(value: string, hl: UiLanguage): string {
  if (value.length === 4) return value;
  if (value.length === 7) return formatter(hl, { month: 'long', year: 'numeric' }).format(utc(value));
  return formatter(hl, { day: 'numeric', month: 'long', year: 'numeric' }).format(utc(value));
}

/** An event's date at its precision, a range as a range (`21–25 September 2025`); null is "Undated". */
export function formatDate(date: EventDate | null, hl: UiLanguage, t: Messages): string {
  if (date === null) return t.undated;
  if (!date.end) return formatPartialDate(date.value, hl);
  if (date.value.length === 10 && date.end.length === 10) {
    const range = formatter(hl, { day: 'numeric', month: 'long', year: 'numeric' }) as Intl.DateTimeFormat & {
      formatRange(a: Date, b: Date): string;
    };
    return range.formatRange(utc(date.value), utc(date.end));
  }
  return `${formatPartialDate(date.value, hl)} – ${formatPartialDate(date.end, hl)}`;
}

/** The month heading an event is listed under: `YYYY-MM`, `YYYY` (year only) or `undated`. */
export function monthKey(date: EventDate | null): string {
  if (date === null) return 'undated';
  return date.precision === 'year' ? date.value.slice(0, 4) : date.value.slice(0, 7);
}

export function formatMonthKey(key: string, hl: UiLanguage, t: Messages): string {
  if (key === 'undated') return t.undated;
  if (key.length === 4) return t.yearOnly(key);
  return formatPartialDate(key, hl);
}

/** A timestamp (ISO) as a day and time in UTC. */
export function formatTimestamp(iso: string, hl: UiLanguage): string {
  return `${formatter(hl, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))} UTC`;
}

/** A publication date, a timestamp or a partial date, as a day. */
export function formatPublished(value: string | null, hl: UiLanguage): string {
  if (!value) return '—';
  return formatPartialDate(value.slice(0, 10), hl);
}

/** `deputy-prime-minister` → `deputy prime minister`: knowledge-base office keys for people. */
export function officeLabel(office: string): string {
  return office.replaceAll('-', ' ');
}

/** The host an article came from (`www.` dropped), or the source id for a replayed file. */
export function outletOf(url: string, fallback: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:')
      return parsed.hostname.replace(/^www\./, '');
  } catch {
    // not a URL: the fallback
  }
  return fallback;
}
