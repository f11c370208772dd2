import { createHash } from 'node:crypto';
import type { EventContent } from './event-content.ts';

/**
 * Two sources list the same event when the titles match after normalizing, the starts are within 30
 * minutes, and they are in the same city or both online. Starts are bucketed into 30-minute slots so a
 * candidate is always in the event's own slot or a neighbour.
 */
export const duplicateWindowMs = 30 * 60_000;

export function normalizedTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function placeKey(content: Pick<EventContent, 'online' | 'place'>): string {
  if (content.online) return 'online';
  const city = content.place?.city;
  return city ? normalizedTitle(city).replace(/ /g, '-') : '-';
}

export interface DuplicateSlots {
  /** The slot this event claims. */
  readonly own: string;
  /** Every slot where a duplicate could sit (own included). */
  readonly candidates: readonly string[];
}

export function duplicateSlotsFor(
  content: Pick<EventContent, 'title' | 'start' | 'allDay' | 'online' | 'place'>,
): DuplicateSlots {
  const titleHash = createHash('sha256').update(normalizedTitle(content.title)).digest('hex').slice(0, 16);
  const prefix = `${titleHash}#${placeKey(content)}#`;
  if (content.allDay) {
    const own = `${prefix}D${content.start}`;
    return { own, candidates: [own] };
  }
  const slot = Math.floor(Date.parse(content.start) / duplicateWindowMs);
  return { own: `${prefix}${slot}`, candidates: [slot - 1, slot, slot + 1].map((s) => `${prefix}${s}`) };
}

export function startsWithinDuplicateWindow(a: string, b: string): boolean {
  if (a.length === 10 || b.length === 10) return a === b;
  return Math.abs(Date.parse(a) - Date.parse(b)) <= duplicateWindowMs;
}
