/*
 * IANA zone names as people and the tz database write them, without the Windows and Outlook names
 * feeds use (zone-names.ts adds those): what a profile, a page or a query parameter takes.
 */

/**
 * Intl (ICU/CLDR) canonicalizes to the old names of renamed zones; the rest of Trellis should see the
 * names the tz database uses today, whichever spelling a feed used.
 */
const CURRENT_NAME_OF_CLDR_ID: ReadonlyMap<string, string> = new Map([
  ['Asia/Calcutta', 'Asia/Kolkata'],
  ['Asia/Katmandu', 'Asia/Kathmandu'],
  ['Asia/Rangoon', 'Asia/Yangon'],
  ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
  ['Europe/Kiev', 'Europe/Kyiv'],
  ['America/Godthab', 'America/Nuuk'],
  ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
  ['America/Indianapolis', 'America/Indiana/Indianapolis'],
  ['Atlantic/Faeroe', 'Atlantic/Faroe'],
  ['Pacific/Enderbury', 'Pacific/Kanton'],
  ['Pacific/Truk', 'Pacific/Chuuk'],
  ['Pacific/Ponape', 'Pacific/Pohnpei'],
  ['Africa/Asmera', 'Africa/Asmara'],
]);

/** Letters first, then the characters zone names are made of (rules out Intl's "+01:00"). */
const ZONE_NAME_SHAPE = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;
/** The current name of a valid IANA zone name or link, else null. */
export function ianaZoneName(name: string): string | null {
  if (!ZONE_NAME_SHAPE.test(name)) return null;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return CURRENT_NAME_OF_CLDR_ID.get(canonical) ?? canonical;
}

let everyZone: readonly string[] | undefined;
/**
 * Every zone Intl knows, UTC first, by today's tz name: what a zone chooser offers. Intl lists canonical ids
 * (some by their old names) and not UTC, so the renamed ones go through the table above: no formatter per
 * zone, which would cost ~100 ms on a page's first render.
 */
export function everyZoneName(): readonly string[] {
  everyZone ??= [
    ...new Set([
      'UTC',
      ...Intl.supportedValuesOf('timeZone').map((id) => CURRENT_NAME_OF_CLDR_ID.get(id) ?? id),
    ]),
  ];
  return everyZone;
}
