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
/**
 * Where a line starts with what may be a label (every label begins with one of these words): most
 * descriptions have none and are done after one scan; the others have only those lines read.
 */
const LABEL_AT_LINE_START = /(?:^|\n)[ \t]*(?:speaker|keynote|panel|moderator|host)/gi;
const SEPARATORS = /\s*(?:,|;|&|\band\b|\bund\b)\s*/;
const AFFILIATION = /\s*(?:\(.*?\)|\s[–—-]\s.*|\s\|.*)$/;

export interface PersonInText {
  readonly name: string;
  readonly role: 'speaker' | 'organizer';
}

export function peopleInText(text: string): PersonInText[] {
  if (text === '') return [];
  const found: PersonInText[] = [];
  LABEL_AT_LINE_START.lastIndex = 0;
  for (let start = LABEL_AT_LINE_START.exec(text); start !== null; start = LABEL_AT_LINE_START.exec(text)) {
    const lineStart = text.charCodeAt(start.index) === 10 /* \n */ ? start.index + 1 : start.index;
    const lineEnd = text.indexOf('\n', lineStart);
    const line = lineEnd === -1 ? text.slice(lineStart) : text.slice(lineStart, lineEnd);
    // The next label can only be on a later line.
    LABEL_AT_LINE_START.lastIndex = lineEnd === -1 ? text.length : lineEnd;
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
