import * as z from 'zod';

/** The body of one ingest queue message: which source to fetch. */
export const ingestMessageSchema = z.object({
  sourceId: z.string().regex(/^src_[0-9a-f]{12}$/, 'must be a source id like src_0123456789ab'),
  force: z.boolean().optional(),
});

export type IngestMessage = z.infer<typeof ingestMessageSchema>;
