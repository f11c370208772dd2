/**
 * Country names and ISO 3166-1 alpha-2 codes → one English name, from the ICU data Node ships with
 * (Intl.DisplayNames) plus the names people commonly write instead. Built on first use.
 */

/** Codes Intl knows that are not (or no longer) countries. */
const NOT_COUNTRIES = new Set('AN BU CS DD DY EU EZ FX HV NH QO RH SU TP UN VD XA XB YD YU ZR ZZ'.split(' '));

/** Names people write that ICU's English names do not cover, by ISO code. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ['USA', 'U.S.', 'U.S.A.', 'United States of America', 'America'],
  GB: ['UK', 'U.K.', 'Great Britain', 'Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
  DE: ['Deutschland'],
  AT: ['Österreich', 'Oesterreich'],
  CH: ['Schweiz', 'Suisse', 'Svizzera'],
  NL: ['Nederland', 'The Netherlands', 'Holland'],
  BE: ['België', 'Belgique'],
  ES: ['España', 'Espana'],
  IT: ['Italia'],
  PL: ['Polska'],
  CZ: ['Czech Republic', 'Česko'],
  TR: ['Turkey'],
  BR: ['Brasil'],
  MX: ['México'],
  SE: ['Sverige'],
  NO: ['Norge'],
  DK: ['Danmark'],
  FI: ['Suomi'],
  IE: ['Éire'],
  PT: ['Portugal'],
  HK: ['Hong Kong'],
  MO: ['Macao', 'Macau'],
  KR: ['Korea', 'Republic of Korea'],
  CI: ["Côte d'Ivoire", 'Ivory Coast'],
  CD: ['DR Congo', 'Democratic Republic of the Congo'],
  AE: ['UAE', 'U.A.E.'],
  CV: ['Cabo Verde'],
  MM: ['Myanmar', 'Burma'],
  PS: ['Palestine'],
  VA: ['Vatican'],
};

interface CountryTables {
  readonly byCode: ReadonlyMap<string, string>;
  readonly byName: ReadonlyMap<string, string>;
}

let tables: CountryTables | null = null;

/** The English country name for an ISO alpha-2 code ("DE" → "Germany"), or null. */
export function countryFromCode(code: string): string | null {
  return countryTables().byCode.get(code.trim().toUpperCase()) ?? null;
}

/** The English country name for a written country name ("Deutschland", "usa") — codes are not names. */
export function countryFromName(name: string): string | null {
  return countryTables().byName.get(key(name)) ?? null;
}

function key(name: string): string {
  return name.trim().toLowerCase().replaceAll('’', "'");
}

function countryTables(): CountryTables {
  if (tables) return tables;
  const displayNames = new Intl.DisplayNames(['en'], { type: 'region' });
  const byCode = new Map<string, string>();
  const byName = new Map<string, string>();
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = displayNames.of(code);
      if (!name || name === code) continue;
      byCode.set(code, name);
      byName.set(key(name), name);
      if (name.includes('&')) byName.set(key(name.replaceAll('&', 'and')), name);
      if (name.startsWith('St. ')) byName.set(key(`Saint ${name.slice(4)}`), name);
    }
  }
  for (const [code, aliases] of Object.entries(ALIASES)) {
    const name = byCode.get(code);
    if (!name) continue;
    for (const alias of aliases) byName.set(key(alias), name);
  }
  tables = { byCode, byName };
  return tables;
}
