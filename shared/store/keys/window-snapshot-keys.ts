/** One part of a digest window snapshot (`SNAPSHOT#digest-2030-03-04T07:00Z` / `PART#000`). */
export const windowSnapshotPartKey = (id: string, index: number) => ({
  pk: `SNAPSHOT#${id}`,
  sk: `PART#${String(index).padStart(3, '0')}`,
});
