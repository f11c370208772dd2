import { personName } from '../people/person-name.ts';

/**
 * Free-text people, read conservatively: only a line that starts with a label ("Speaker:",
 * "Speakers:", "Keynote:", "Panelists:", "Moderator:", "Host:", "Hosted by") followed by names. Each
 * name must read as a person's name (personName); an affiliation in brackets or after a dash is left
 * off. Anything else in a description is never taken for a person.
 */
/** Anchored at the line's start, so a line that is not labelled costs one failed match at one place. */
const LABELLED_LINE =
  /^[ \t]*(speakers?|keynote(?: speakers?)?|panell?ists?|moderators?|hosts?|hosted by)[ \t]*(?::|[–—-][ \t])[ \t]*(.+)$/i;
/** What a line that may be labelled starts with, from where its indentation ends: every label begins with one of these. */
const LABEL_WORD = /speaker|keynote|panel|moderator|host/iy;
const SEPARATORS = /\s*(?:,|;|&|\band\b|\bund\b)\s*/;
const AFFILIATION = /\s*(?:\(.*?\)|\s[–—-]\s.*|\s\|.*)$/;

export interface PersonInText {
  readonly name: string;
  readonly role: 'speaker' | 'organizer';
}

export function peopleInText(text: string): PersonInText[] {
  if (text === '') return [];
  const found: PersonInText[] = [];
  // Line by line with native searches; most lines start with no label word and are never cut out.
  for (let lineStart = 0; lineStart < text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const start = lineStart;
    lineStart = lineEnd + 1;
    let wordStart = start;
    while (wordStart < lineEnd && (text.charCodeAt(wordStart) === 32 || text.charCodeAt(wordStart) === 9)) {
      wordStart++;
    }
    LABEL_WORD.lastIndex = wordStart;
    if (!LABEL_WORD.test(text)) continue;
    const line = text.slice(start, lineEnd);
    const match = LABELLED_LINE.exec(line);
    if (!match) continue;
    const label = (match[1] as string).toLowerCase();
    const role = label.startsWith('host') ? 'organizer' : 'speaker';
    for (const part of (match[2] as string).split(SEPARATORS)) {
      const name = personName(part.replace(AFFILIATION, ''));
      if (name !== null) found.push({ name, role });
    }
  }
  return found;
}
