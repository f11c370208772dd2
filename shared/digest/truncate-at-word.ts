/**
 * At most `max` characters (code points): cut after the last whole word that leaves room for "…",
 * or inside the word when a single word is too long. Trailing separators go before the "…".
 */
export function truncateAtWord(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  const room = characters.slice(0, max - 1).join('');
  const endsWord = /^[\s,;:.!?)]/.test(characters[max - 1] ?? '');
  const lastSpace = room.lastIndexOf(' ');
  const cut = endsWord || lastSpace <= 0 ? room : room.slice(0, lastSpace);
  return `${cut.replace(/[\s,;:·–-]+$/u, '')}…`;
}
