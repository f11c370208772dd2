import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';

/** The body of one ingest queue message: which source to fetch. */
export const ingestMessageSchema = lazySchema(() =>
  z.object({
    sourceId: z.string().check(z.regex(/^src_[0-9a-f]{12}$/, 'must be a source id like src_0123456789ab')),
    force: z.optional(z.boolean()),
  }),
);

export type IngestMessage = z.infer<typeof ingestMessageSchema>;
