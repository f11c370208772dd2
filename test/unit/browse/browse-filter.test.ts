import { describe, expect, it } from 'vitest';
import {
  isUnfiltered,
  matchesBrowseFilter,
  organizationKeysOf,
  searchWordsOf,
} from '../../../shared/browse/browse-filter.ts';
import { citiesNear, nearPointOf } from '../../../shared/browse/near-place.ts';
import { nearbyPlaces } from '../../../shared/matching/nearby-places.ts';
import { cityKeyOf, organizationKeyOf } from '../../../shared/matching/place-keys.ts';
import { storedEvent } from './browse-fixtures.ts';

const munich = storedEvent({
  title: 'Data Night',
  description: 'Postgres at scale.',
  tags: ['data'],
  kind: 'professional-org',
  organization: 'Data Munich e.V.',
  organizer: 'Café Analytics',
  location: 'Werk1, München, Germany',
  place: { name: 'Werk1', address: null, city: 'München', country: 'Germany' },
});
const online = storedEvent({ title: 'Remote Circle', online: true, place: null, location: null });

describe('matchesBrowseFilter', () => {
  it('passes everything when nothing narrows, but a removed event only when asked', () => {
    expect(isUnfiltered({})).toBe(true);
    expect(matchesBrowseFilter(munich, {})).toBe(true);
    expect(matchesBrowseFilter({ ...munich, removed: true }, {})).toBe(false);
    expect(matchesBrowseFilter({ ...munich, removed: true }, { includeRemoved: true })).toBe(true);
  });

  it('narrows by topic, kind and online or in person', () => {
    expect(matchesBrowseFilter(munich, { topic: 'data' })).toBe(true);
    expect(matchesBrowseFilter(munich, { topic: 'cloud' })).toBe(false);
    expect(matchesBrowseFilter(munich, { kind: 'professional-org' })).toBe(true);
    expect(matchesBrowseFilter(munich, { kind: 'peer-group' })).toBe(false);
    expect(matchesBrowseFilter(online, { online: true })).toBe(true);
    expect(matchesBrowseFilter(munich, { online: true })).toBe(false);
    expect(matchesBrowseFilter(munich, { online: false })).toBe(true);
  });

  it('finds an organization by its source organization or its organizer, however spelled', () => {
    expect(organizationKeysOf(munich)).toEqual([organizationKeyOf('data munich e v'), 'cafe analytics']);
    expect(matchesBrowseFilter(munich, { organizationKey: organizationKeyOf('data-munich-e-v') })).toBe(true);
    expect(matchesBrowseFilter(munich, { organizationKey: organizationKeyOf('CAFE analytics') })).toBe(true);
    expect(matchesBrowseFilter(munich, { organizationKey: organizationKeyOf('Data Berlin') })).toBe(false);
  });

  it('finds a city by any of its names, and the cities near a point', () => {
    expect(matchesBrowseFilter(munich, { cityKey: cityKeyOf('Munich') })).toBe(true);
    expect(matchesBrowseFilter(munich, { cityKey: cityKeyOf('Berlin') })).toBe(false);
    expect(matchesBrowseFilter(online, { cityKey: cityKeyOf('Munich') })).toBe(false);
    const nearMunich = nearbyPlaces([
      { kind: 'point', label: 'Office', latitude: 48.14, longitude: 11.58, radiusKm: 20 },
    ]);
    const nearHamburg = nearbyPlaces([
      { kind: 'point', label: 'Office', latitude: 53.55, longitude: 9.99, radiusKm: 20 },
    ]);
    expect(matchesBrowseFilter(munich, { near: nearMunich })).toBe(true);
    expect(matchesBrowseFilter(munich, { near: nearHamburg })).toBe(false);
  });

  it('searches title, description, organization and place: every word, at the start of a word, accents folded', () => {
    expect(searchWordsOf('  Postgr  MUNCHEN ')).toEqual(['postgr', 'munchen']);
    expect(matchesBrowseFilter(munich, { words: searchWordsOf('postgr munchen') })).toBe(true);
    expect(matchesBrowseFilter(munich, { words: searchWordsOf('café') })).toBe(true);
    expect(matchesBrowseFilter(munich, { words: searchWordsOf('werk1') })).toBe(true);
    expect(matchesBrowseFilter(munich, { words: searchWordsOf('gres') })).toBe(false);
    expect(matchesBrowseFilter(munich, { words: searchWordsOf('postgres berlin') })).toBe(false);
  });
});

describe('near a place', () => {
  it('reads a point or a city the gazetteer knows, and finds the events in the cities within the radius', () => {
    expect(nearPointOf('52.52, 13.40')).toEqual({ latitude: 52.52, longitude: 13.4 });
    expect(nearPointOf('95,13')).toBeNull();
    expect(nearPointOf('Qwxzy Nowhere')).toBeNull();
    const munichCentre = nearPointOf('Munich, Germany');
    expect(munichCentre?.latitude).toBeCloseTo(48.14, 1);
    const garching = storedEvent({
      place: { name: 'TUM', address: null, city: 'Garching bei München', country: 'Germany' },
    });
    expect(
      matchesBrowseFilter(garching, { near: citiesNear(munichCentre ?? { latitude: 0, longitude: 0 }, 25) }),
    ).toBe(true);
    expect(
      matchesBrowseFilter(garching, { near: citiesNear(munichCentre ?? { latitude: 0, longitude: 0 }, 5) }),
    ).toBe(false);
  });
});
