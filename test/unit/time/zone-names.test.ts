import { describe, expect, it } from 'vitest';
import { resolveTimeZoneId } from '../../../shared/time/zone-names.ts';

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
