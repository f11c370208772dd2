import { describe, expect, it } from 'vitest';
import {
  duplicateSlotsFor,
  normalizedTitle,
  placeKey,
  startsWithinDuplicateWindow,
} from '../../../shared/events/duplicate-slots.ts';

const berlin = { name: null, address: null, city: 'Berlin', country: null };

describe('duplicate detection keys', () => {
  it('normalizes titles: case, accents, punctuation and spacing', () => {
    expect(normalizedTitle('  Café  Décor — Meetup!! ')).toBe('cafe decor meetup');
    expect(normalizedTitle('Women in Cloud Breakfast')).toBe(normalizedTitle('women-in-cloud  BREAKFAST.'));
  });

  it('keys the place by city, or online, or unknown', () => {
    expect(placeKey({ online: false, place: { ...berlin, city: 'Frankfurt am Main' } })).toBe(
      'frankfurt-am-main',
    );
    expect(placeKey({ online: true, place: berlin })).toBe('online');
    expect(placeKey({ online: false, place: null })).toBe('-');
  });

  it('claims one 30-minute slot and looks in it and both neighbours', () => {
    const slots = duplicateSlotsFor({
      title: 'Meetup',
      start: '2030-03-12T07:29:00Z',
      allDay: false,
      online: false,
      place: berlin,
    });
    const slot = Math.floor(Date.parse('2030-03-12T07:29:00Z') / 1_800_000);
    expect(slots.own.endsWith(`#berlin#${slot}`)).toBe(true);
    expect(slots.candidates.map((key) => key.split('#').pop())).toEqual([
      String(slot - 1),
      String(slot),
      String(slot + 1),
    ]);
  });

  it('matches all-day events only on the same date', () => {
    const slots = duplicateSlotsFor({
      title: 'Summit',
      start: '2030-03-12',
      allDay: true,
      online: false,
      place: berlin,
    });
    expect(slots.candidates).toEqual([slots.own]);
    expect(slots.own.endsWith('#D2030-03-12')).toBe(true);
    expect(startsWithinDuplicateWindow('2030-03-12', '2030-03-12')).toBe(true);
    expect(startsWithinDuplicateWindow('2030-03-12', '2030-03-13')).toBe(false);
  });

  it('counts starts exactly 30 minutes apart as the same event, 30 minutes and a second as not', () => {
    expect(startsWithinDuplicateWindow('2030-03-12T07:00:00Z', '2030-03-12T07:30:00Z')).toBe(true);
    expect(startsWithinDuplicateWindow('2030-03-12T07:00:00Z', '2030-03-12T07:30:01Z')).toBe(false);
  });
});
