/**
 * Events whose description (or title, organization or description) has a phrase: what muted words
 * and description keywords need. Built on first use per phrase and kept with the index, rather than
 * indexing every word of every description up front: a batch meets only the few phrases its users
 * wrote, and reading 20,000 descriptions once per distinct phrase costs far less than listing every
 * description word (which made the index several times slower to build).
 */
import type { EventIndex } from './event-index.ts';
import type { Phrase } from './user-match-context.ts';

/** Beyond this many remembered phrases the memo starts over (a batch has far fewer). */
const MAX_REMEMBERED = 10_000;

export function eventsWithPhraseInDescription(index: EventIndex, phrase: Phrase): Int32Array {
  return remembered(index, `d${phrase.words}`, (event) => event.descriptionText.includes(phrase.needle));
}

/** Title, organization or description: where a muted word hides an event. */
export function eventsWithPhraseInText(index: EventIndex, phrase: Phrase): Int32Array {
  return remembered(
    index,
    `t${phrase.words}`,
    (event) =>
      event.titleText.includes(phrase.needle) ||
      event.organizationText.includes(phrase.needle) ||
      event.descriptionText.includes(phrase.needle),
  );
}

function remembered(
  index: EventIndex,
  key: string,
  has: (event: EventIndex['events'][number]) => boolean,
): Int32Array {
  const known = index.phrasePostings.get(key);
  if (known !== undefined) return known;
  const found: number[] = [];
  index.events.forEach((event, ordinal) => {
    if (has(event)) found.push(ordinal);
  });
  const posting = Int32Array.from(found);
  if (index.phrasePostings.size >= MAX_REMEMBERED) index.phrasePostings.clear();
  index.phrasePostings.set(key, posting);
  return posting;
}
