/**
 * People named by events (speakers, chairs, organizers): one person from two feeds is one person.
 * The key folds case, accents, honorifics and punctuation: "Dr. Zoë  Müller-Lang" and
 * "zoe muller lang" are the same person; the name shown is the first spelling met.
 */

const HONORIFICS = new Set(['dr', 'prof', 'professor', 'mr', 'mrs', 'ms', 'mx', 'sir', 'dame']);
const NAME_PARTICLES = new Set([
  'von',
  'van',
  'der',
  'den',
  'de',
  'da',
  'del',
  'di',
  'du',
  'la',
  'le',
  'bin',
  'al',
  'el',
  'y',
]);
const MAX_NAME_LENGTH = 80;
/** Words that make a name an organization's ("Berlin Tech Community", "Acme GmbH"), not a person's. */
const ORGANIZATION_WORDS =
  /\b(?:community|group|meetup|network|association|society|team|inc|ltd|llc|gmbh|ag|foundation|club|conference|summit|university|institute|events?|org|organi[sz]ation|chapter|circle|collective|council|committee|programm?e?|academy|hub|labs?|initiative|alliance|partners|company|corp|school|college|department|office|center|centre|festival|camp)\b/i;

/** The comparison key of a person's name, or '' when nothing is left of it. */
export function personKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
  while (words.length > 2 && HONORIFICS.has(words[0] as string)) words.shift();
  return words.join(' ');
}

/**
 * The name as it can be shown, when the text reads as a person's name: two to five words of
 * letters (particles like "von" allowed in lower case), no digits, addresses or links. Organization
 * names ("Berlin Tech Community") cannot be told apart by shape alone, so structured fields that
 * only ever name people are trusted more than this check (see the callers).
 */
export function personName(text: string | null | undefined): string | null {
  if (!text) return null;
  const name = text
    .replace(/^mailto:/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (name === '' || name.length > MAX_NAME_LENGTH || /[@\d/\\:<>{}[\]|]/.test(name)) return null;
  if (ORGANIZATION_WORDS.test(name)) return null;
  const words = name.split(' ');
  const significant = words.filter((word) => !HONORIFICS.has(word.toLowerCase().replace(/\.$/, '')));
  if (significant.length < 2 || significant.length > 5) return null;
  for (const word of significant) {
    if (NAME_PARTICLES.has(word)) continue;
    // A name word starts with an upper-case letter (O'Brien, Jean-Luc, Ó Súilleabháin).
    if (!/^\p{Lu}[\p{L}'’.-]*$/u.test(word)) return null;
  }
  return name;
}
