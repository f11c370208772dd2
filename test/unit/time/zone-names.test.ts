import { describe, expect, it } from 'vitest';
import { WINDOWS_ZONE_BY_DISPLAY_NAME } from '../../../shared/time/outlook-zone-display-names.ts';
import { displayNameOffsetMs, resolveTimeZoneId } from '../../../shared/time/zone-names.ts';

describe('resolveTimeZoneId', () => {
  it('accepts IANA names as written', () => {
    expect(resolveTimeZoneId('Europe/Berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZoneId('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(resolveTimeZoneId('Australia/Lord_Howe')).toBe('Australia/Lord_Howe');
  });

  it('maps legacy links and other spellings to the current IANA name', () => {
    expect(resolveTimeZoneId('US/Eastern')).toBe('America/New_York');
    expect(resolveTimeZoneId('europe/berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZoneId('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(resolveTimeZoneId('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(resolveTimeZoneId('Europe/Kiev')).toBe('Europe/Kyiv');
  });

  it('names every UTC alias "UTC"', () => {
    for (const alias of ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Zulu'])
      expect(resolveTimeZoneId(alias)).toBe('UTC');
  });

  it('finds the IANA name behind a vendor prefix or quotes', () => {
    expect(resolveTimeZoneId('/mozilla.org/20050126_1/Europe/Berlin')).toBe('Europe/Berlin');
    expect(resolveTimeZoneId('/citadel.org/20190102_1/America/New_York')).toBe('America/New_York');
    expect(resolveTimeZoneId('/softwarestudio.org/Olson_20011030_5/America/Argentina/Buenos_Aires')).toBe(
      'America/Argentina/Buenos_Aires',
    );
    expect(resolveTimeZoneId('"Europe/Berlin"')).toBe('Europe/Berlin');
    expect(resolveTimeZoneId(' Europe/Berlin ')).toBe('Europe/Berlin');
  });

  it('maps Windows zone ids as Outlook writes them', () => {
    expect(resolveTimeZoneId('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(resolveTimeZoneId('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(resolveTimeZoneId('India Standard Time')).toBe('Asia/Kolkata');
    expect(resolveTimeZoneId('AUS Eastern Standard Time')).toBe('Australia/Sydney');
    expect(resolveTimeZoneId('Eastern Standard Time')).toBe('America/New_York');
    expect(resolveTimeZoneId('romance standard time')).toBe('Europe/Paris');
  });

  it('maps Outlook display names, with UTC or GMT prefixes', () => {
    expect(resolveTimeZoneId('(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna')).toBe(
      'Europe/Berlin',
    );
    expect(resolveTimeZoneId('(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna')).toBe(
      'Europe/Berlin',
    );
    expect(resolveTimeZoneId('(UTC-08:00) Pacific Time (US & Canada)')).toBe('America/Los_Angeles');
    expect(resolveTimeZoneId('(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi')).toBe('Asia/Kolkata');
    expect(resolveTimeZoneId('(UTC) Dublin, Edinburgh, Lisbon, London')).toBe('Europe/London');
  });

  it('maps every spelling Outlook and Exchange write for one zone', () => {
    for (const spelling of [
      '(UTC-05:00) Eastern Time (US & Canada)',
      '(UTC-05:00) Eastern Time (US and Canada)',
      '(UTC-05:00) Eastern Time (US&Canada)',
      '"(UTC-05:00) Eastern Time (US and Canada)"',
      '(GMT-05:00) Eastern Time (US & Canada)',
      '(GMT-05.00) Eastern Time (US & Canada)',
      'Eastern Time (US & Canada)',
      'Eastern Time (US and Canada)',
      ' eastern time  (us and canada) ',
      'Eastern Standard Time',
      'Eastern Daylight Time',
    ]) {
      expect(resolveTimeZoneId(spelling), spelling).toBe('America/New_York');
    }
  });

  it('maps the older Windows and Lotus Notes display names', () => {
    expect(resolveTimeZoneId('(GMT-08:00) Pacific Time (US & Canada); Tijuana')).toBe('America/Los_Angeles');
    expect(resolveTimeZoneId('(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London')).toBe(
      'Europe/London',
    );
    expect(resolveTimeZoneId('(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna')).toBe(
      'Europe/Berlin',
    );
    expect(resolveTimeZoneId('(UTC+01:00) Amsterdam\\, Berlin\\, Bern\\, Rome\\, Stockholm\\, Vienna')).toBe(
      'Europe/Berlin',
    );
    expect(resolveTimeZoneId('(UTC-05:00) Turks and Caicos')).toBe('America/Grand_Turk');
  });

  it('resolves every display name of the table, with and without its offset', () => {
    for (const name of WINDOWS_ZONE_BY_DISPLAY_NAME.keys()) {
      expect(resolveTimeZoneId(name), name).not.toBeNull();
      expect(resolveTimeZoneId(`(UTC+01:00) ${name}`), name).not.toBeNull();
    }
  });

  it("reads the offset a display name's prefix states", () => {
    expect(displayNameOffsetMs('(UTC-05:00) Somewhere new')).toBe(-5 * 3_600_000);
    expect(displayNameOffsetMs('"(UTC+05:45) Somewhere new"')).toBe(5.75 * 3_600_000);
    expect(displayNameOffsetMs('(GMT+01.00) Somewhere new')).toBe(3_600_000);
    expect(displayNameOffsetMs('(UTC) Somewhere new')).toBe(0);
    expect(displayNameOffsetMs('Somewhere new')).toBeNull();
    expect(displayNameOffsetMs('Europe/Berlin')).toBeNull();
  });

  it('reads a merged list of cities by its first city that one display name lists', () => {
    const merged = 'Amsterdam, Belgrade, Berlin, Brussels, Budapest, Madrid, Paris, Prague, Stockholm';
    expect(resolveTimeZoneId(merged)).toBe('Europe/Berlin');
    expect(resolveTimeZoneId(`"${merged}"`)).toBe('Europe/Berlin');
    expect(resolveTimeZoneId('(UTC+01:00) Brussels; Amsterdam')).toBe('Europe/Paris');
    expect(resolveTimeZoneId('Nowhere, Warsaw, Rome')).toBe('Europe/Warsaw');
    // "La Paz" is in two display names (Mexico's mountain time and South America's western time).
    expect(resolveTimeZoneId('La Paz, Nowhere')).toBeNull();
    expect(resolveTimeZoneId('Nowhere, Elsewhere')).toBeNull();
  });

  it('gives null for names that name no zone', () => {
    for (const name of [
      'Foo/Bar',
      'Mars/Olympus_Mons',
      'Customized Time Zone',
      '',
      '   ',
      '+01:00',
      'Z',
      '(UTC+01:00) Nowhere',
    ]) {
      expect(resolveTimeZoneId(name)).toBeNull();
    }
  });
});
