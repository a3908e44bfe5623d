import { describe, expect, it } from 'vitest';
import { eventTypeFacts } from './event-types.ts';
import { EventType } from './schemas/event.ts';

/** WCAG 2 contrast ratio of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

describe('event type facts', () => {
  it('name every type in en, fr and ar, each with its own colour, readable on white, and an icon', () => {
    expect(Object.keys(eventTypeFacts).sort()).toEqual([...EventType.options].sort());
    const colours = Object.values(eventTypeFacts).map((f) => f.colour);
    expect(new Set(colours).size).toBe(colours.length);
    for (const [type, facts] of Object.entries(eventTypeFacts)) {
      expect(facts.colour, type).toMatch(/^#[0-9a-f]{6}$/);
      // 4.5:1 lets the colour carry text as well as marks (WCAG AA).
      expect(contrastOnWhite(facts.colour), type).toBeGreaterThanOrEqual(4.5);
      for (const label of Object.values(facts.label)) expect(label.trim(), type).not.toBe('');
      expect(facts.icon, type).toMatch(/^M[\d.,\-\sA-Za-z]+$/);
    }
  });
});
