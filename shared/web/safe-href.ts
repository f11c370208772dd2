/**
 * Only http(s) links are rendered as links (in pages, mails and their text parts); anything else
 * (javascript:, data:, a relative path from a feed) is dropped.
 */
export function safeHref(value: string | null): string | null {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
