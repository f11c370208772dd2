/**
 * Plain-text lines of at most `width` characters (code points), each starting with `indent`.
 * Words are kept whole where they fit; a word longer than a line (a hostile 500-letter title) is
 * cut into line-sized pieces so it cannot run off the screen.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const room = Math.max(1, width - Array.from(indent).length);
  const lines: string[] = [];
  let line = '';
  let lineLength = 0;
  for (const word of text.split(' ')) {
    for (const piece of pieces(word, room)) {
      const pieceLength = Array.from(piece).length;
      if (lineLength === 0) {
        line = piece;
        lineLength = pieceLength;
      } else if (lineLength + 1 + pieceLength <= room) {
        line = `${line} ${piece}`;
        lineLength += 1 + pieceLength;
      } else {
        lines.push(indent + line);
        line = piece;
        lineLength = pieceLength;
      }
    }
  }
  if (lineLength > 0 || lines.length === 0) lines.push(indent + line);
  return lines;
}

function pieces(word: string, room: number): string[] {
  const characters = Array.from(word);
  if (characters.length <= room) return characters.length > 0 ? [word] : [];
  const result: string[] = [];
  for (let at = 0; at < characters.length; at += room) result.push(characters.slice(at, at + room).join(''));
  return result;
}
