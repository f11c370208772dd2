/** The `<script type="application/ld+json">` blocks of an HTML page, as text, in page order. */
import { Parser } from 'htmlparser2';

const LD_JSON_TYPE = /^\s*application\/ld\+json\s*(?:;|$)/i;

export function ldJsonScriptBlocks(html: string): string[] {
  const blocks: string[] = [];
  let current: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'script' && LD_JSON_TYPE.test(attributes.type ?? '')) current = '';
      },
      ontext(text) {
        if (current !== null) current += text;
      },
      onclosetag(name) {
        if (name === 'script' && current !== null) {
          blocks.push(current);
          current = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return blocks;
}
