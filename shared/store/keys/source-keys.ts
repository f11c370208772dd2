/** SOURCE#<id> / SOURCE; every source also sits in gsi1 under SOURCES, sorted by its next fetch. */
export const sourceKey = (sourceId: string) => ({ pk: `SOURCE#${sourceId}`, sk: 'SOURCE' });
export const sourcesByNextFetchPk = 'SOURCES';
export const sourceNextFetchSk = (nextFetchAt: string, sourceId: string) => `${nextFetchAt}#${sourceId}`;
