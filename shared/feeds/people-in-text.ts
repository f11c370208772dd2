import { personName } from '../people/person-name.ts';

/**
 * Free-text people, read conservatively: only a line that starts with a label ("Speaker:",
 * "Speakers:", "Keynote:", "Panelists:", "Moderator:", "Host:", "Hosted by") followed by names. Each
 * name must read as a person's name (personName); an affiliation in brackets or after a dash is left
 * off. Anything else in a description is never taken for a person.
 */
const LABELLED_LINE =
  /^[ \t]*(speakers?|keynote(?: speakers?)?|panell?ists?|moderators?|hosts?|hosted by)[ \t]*(?::|[–—-][ \t])[ \t]*(.+)$/gim;
const SEPARATORS = /\s*(?:,|;|&|\band\b|\bund\b)\s*/;
const AFFILIATION = /\s*(?:\(.*?\)|\s[–—-]\s.*|\s\|.*)$/;

export interface PersonInText {
  readonly name: string;
  readonly role: 'speaker' | 'organizer';
}

export function peopleInText(text: string): PersonInText[] {
  if (text === '' || !/(speaker|keynote|panel|moderator|host)/i.test(text)) return [];
  const found: PersonInText[] = [];
  for (const match of text.matchAll(LABELLED_LINE)) {
    const label = (match[1] as string).toLowerCase();
    const role = label.startsWith('host') ? 'organizer' : 'speaker';
    for (const part of (match[2] as string).split(SEPARATORS)) {
      const name = personName(part.replace(AFFILIATION, ''));
      if (name !== null) found.push({ name, role });
    }
  }
  return found;
}
