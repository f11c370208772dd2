import { SourceExistsError, type SourceRepository } from '../store/source-repository.ts';
import {
  type SourceSuggestionStore,
  SuggestionAlreadyDecidedError,
  type SuggestionDecision,
  SuggestionNotFoundError,
} from '../store/source-suggestion-store.ts';
import { TransactionCancelledError } from '../store/transact-write.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import { buildSource } from './new-source.ts';
import type { Source } from './source.ts';
import { sourceKinds } from './source.ts';
import type { SourceSuggestion } from './source-suggestion.ts';

/*
 * Approving is one transaction: the Source is created and the suggestion marked approved, on condition
 * that the suggestion is still pending and no source holds the URL's id. Two admins approving at once
 * make one source and one decision; the other admin learns it was approved already.
 */

/** What the admin may change when approving; absent fields keep the suggestion's (or the defaults). */
export const approvalSchema = lazySchema(() =>
  z.object({
    kind: z.optional(z.enum(sourceKinds, `choose one of: ${sourceKinds.join(', ')}`)),
    /** null (or an empty string) clears the suggested organization. */
    organization: z.pipe(
      z.nullish(z.string().check(z.trim(), z.maxLength(200, 'must be at most 200 characters'))),
      z.transform((value) => (value === '' ? null : value)),
    ),
    refreshMinutes: z.optional(
      z
        .int('must be a whole number of minutes')
        .check(
          z.minimum(15, 'must be at least 15 minutes'),
          z.maximum(7 * 24 * 60, 'must be at most a week (10080 minutes)'),
        ),
    ),
    defaultTags: z.optional(
      z.array(z.string(), 'must be a list of tags').check(z.maxLength(20, 'at most 20 tags')),
    ),
  }),
);

export type ApprovalInput = z.input<typeof approvalSchema>;

export interface SuggestionDecisionDependencies {
  readonly sources: Pick<SourceRepository, 'creationPart' | 'existingIn'>;
  readonly suggestions: Pick<SourceSuggestionStore, 'get' | 'decide'>;
}

export interface Approval {
  readonly suggestion: SourceSuggestion;
  readonly source: Source;
}

async function pendingSuggestion(
  deps: Pick<SuggestionDecisionDependencies, 'suggestions'>,
  suggestionId: string,
): Promise<SourceSuggestion> {
  const suggestion = await deps.suggestions.get(suggestionId);
  if (!suggestion) throw new SuggestionNotFoundError(`no suggestion ${suggestionId}`);
  if (suggestion.status !== 'pending') throw new SuggestionAlreadyDecidedError(suggestion);
  return suggestion;
}

/**
 * Turns a pending suggestion into a Source (fetched at once) and marks it approved. Bad changes throw
 * zod's error with per-field messages before anything is written; SuggestionNotFoundError and
 * SuggestionAlreadyDecidedError otherwise.
 */
export async function approveSuggestion(
  deps: SuggestionDecisionDependencies,
  suggestionId: string,
  input: ApprovalInput,
  adminUserId: string,
  now: Date,
): Promise<Approval> {
  const changes = approvalSchema.parse(input);
  const suggestion = await pendingSuggestion(deps, suggestionId);
  const built = buildSource(
    {
      url: suggestion.url,
      kind: changes.kind ?? suggestion.kind,
      organization: changes.organization === undefined ? suggestion.organization : changes.organization,
      ...(changes.refreshMinutes === undefined ? {} : { refreshMinutes: changes.refreshMinutes }),
      ...(changes.defaultTags === undefined ? {} : { defaultTags: changes.defaultTags }),
    },
    now,
  );
  const decision: SuggestionDecision = {
    status: 'approved',
    decidedBy: adminUserId,
    decidedAt: now.toISOString(),
  };
  try {
    const decided = await deps.suggestions.decide(suggestion, decision, [deps.sources.creationPart(built)]);
    return { suggestion: decided, source: built };
  } catch (error) {
    if (!(error instanceof TransactionCancelledError) || !error.failedOn('source')) throw error;
    const existing = deps.sources.existingIn(error);
    if (existing?.url !== built.url)
      throw new SourceExistsError(`another feed's source holds the id ${built.id} of ${built.url}`);
    // The feed was registered meanwhile (with the CLI): approving adopts that source, unchanged.
    return { suggestion: await deps.suggestions.decide(suggestion, decision), source: existing };
  }
}

/** Marks a pending suggestion rejected; nothing else changes. */
export async function rejectSuggestion(
  deps: Pick<SuggestionDecisionDependencies, 'suggestions'>,
  suggestionId: string,
  adminUserId: string,
  now: Date,
): Promise<SourceSuggestion> {
  return deps.suggestions.decide(await pendingSuggestion(deps, suggestionId), {
    status: 'rejected',
    decidedBy: adminUserId,
    decidedAt: now.toISOString(),
  });
}
