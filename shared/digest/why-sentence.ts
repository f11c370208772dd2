import { plainLine } from './plain-line.ts';

/**
 * The matcher's short reasons (shared/matching/match-reasons.ts: "matches: Leadership, Careers",
 * "keywords: kubernetes, helm", "follows CNCF Berlin", "from a source you follow", "in Berlin",
 * "12 km away", "mentorship program") as one sentence a reader would say:
 * "You follow Leadership and Careers, and it is in Berlin." A reason in another shape is kept as it is.
 */
export function whySentence(reasons: readonly string[]): string | null {
  const clauses = reasons
    .map(plainLine)
    .filter((reason) => reason !== '')
    .map(clause);
  if (clauses.length === 0) return null;
  const [first = '', ...rest] = clauses;
  const sentence = [capitalize(first), ...rest];
  const joined =
    sentence.length === 1
      ? first
      : `${sentence.slice(0, -1).join(', ')}, and ${sentence[sentence.length - 1]}`;
  return `${capitalize(joined)}.`;
}

function clause(reason: string): string {
  const topics = /^matches:?\s+(.+)$/i.exec(reason);
  if (topics?.[1]) return `you follow ${list(topics[1])}`;
  const keywords = /^keywords?:\s*(.+)$/i.exec(reason);
  if (keywords?.[1]) return `it mentions ${list(keywords[1], true)}`;
  const follows = /^follows\s+(.+)$/i.exec(reason);
  if (follows?.[1]) return `you follow ${follows[1]}`;
  if (/^from a source you follow$/i.test(reason)) return 'it comes from a source you follow';
  const inCity = /^in\s+(.+)$/i.exec(reason);
  if (inCity?.[1]) return `it is in ${inCity[1]}`;
  const away = /^(\d+)\s*km away$/i.exec(reason);
  if (away?.[1]) return `it is ${away[1]} km from you`;
  if (/^mentorship program(me)?$/i.test(reason)) return 'it is a mentorship program';
  return reason;
}

/** "a, b, c" → "a, b and c"; keywords quoted as the reader wrote them. */
function list(text: string, quoted = false): string {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => (quoted ? `“${item}”` : item));
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
