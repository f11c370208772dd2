/**
 * What one source said about one event occurrence, kept under the source's partition so a re-ingest
 * reads the whole previous state of a feed with one query.
 */
export const sourceEventPrefix = 'SEV#';
export const sourceEventKey = (sourceId: string, sourceEventId: string) => ({
  pk: `SOURCE#${sourceId}`,
  sk: `${sourceEventPrefix}${sourceEventId}`,
});
export const sourceEventIdFromSk = (sk: string) => sk.slice(sourceEventPrefix.length);
