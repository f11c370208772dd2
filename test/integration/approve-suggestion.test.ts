import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { approveSuggestion, rejectSuggestion } from '../../shared/sources/approve-suggestion.ts';
import { buildSource, sourceIdForUrl } from '../../shared/sources/new-source.ts';
import { buildSourceSuggestion, type SourceSuggestion } from '../../shared/sources/source-suggestion.ts';
import {
  createSourceRepository,
  SourceExistsError,
  type SourceRepository,
} from '../../shared/store/source-repository.ts';
import {
  createSourceSuggestionStore,
  type SourceSuggestionStore,
  SuggestionAlreadyDecidedError,
  SuggestionNotFoundError,
} from '../../shared/store/source-suggestion-store.ts';
import { isValidationError, type ValidationError } from '../../shared/validation/zod.ts';
import { createLocalTable, type LocalTable } from '../support/local-table.ts';

/* Approving and rejecting suggested feeds on DynamoDB Local: the source and the decision are one transaction. */

const suggestedAt = new Date('2030-01-01T08:00:00Z');
const now = new Date('2030-01-02T09:30:00Z');
const url = 'https://events.example.org/calendar.ics';

let table: LocalTable;
let sources: SourceRepository;
let suggestions: SourceSuggestionStore;
let deps: { sources: SourceRepository; suggestions: SourceSuggestionStore };

function pendingSuggestion(overrides: Partial<Parameters<typeof buildSourceSuggestion>[0]> = {}) {
  return buildSourceSuggestion(
    { url, kind: 'professional-org', organization: 'Example Guild', note: 'good talks', ...overrides },
    'usr_suggester',
    suggestedAt,
  );
}
const id = pendingSuggestion().id;

beforeEach(async () => {
  table = await createLocalTable();
  sources = createSourceRepository(table.documentClient, table.tableName);
  suggestions = createSourceSuggestionStore(table.documentClient, table.tableName);
  deps = { sources, suggestions };
  await suggestions.create(pendingSuggestion());
});

async function itemsOfType(type: string) {
  const output = await table.documentClient.send(
    new ScanCommand({
      TableName: table.tableName,
      FilterExpression: '#type = :type',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': type },
      ConsistentRead: true,
    }),
  );
  return output.Items ?? [];
}

describe('approveSuggestion', () => {
  it('creates the source from the suggestion, due at once, and marks the suggestion approved by the admin', async () => {
    const approval = await approveSuggestion(deps, id, {}, 'usr_admin', now);
    expect(approval.source).toMatchObject({
      id: sourceIdForUrl(url),
      url,
      kind: 'professional-org',
      organization: 'Example Guild',
      refreshMinutes: 60,
      defaultTags: [],
      createdAt: now.toISOString(),
      health: { nextFetchAt: now.toISOString(), lastFetchAt: null },
    });
    expect(await sources.get(sourceIdForUrl(url))).toEqual(approval.source);
    expect(approval.suggestion).toMatchObject({
      status: 'approved',
      decidedBy: 'usr_admin',
      decidedAt: now.toISOString(),
    });
    expect(await suggestions.get(id)).toEqual(approval.suggestion);
    expect(await suggestions.listPending()).toEqual([]);
    expect(await suggestions.listRecentlyDecided(5)).toEqual([approval.suggestion]);
    expect((await sources.listDue(now)).map((source) => source.id)).toEqual([approval.source.id]);
  });

  it("takes the admin's kind, organization, refresh interval and tags over the suggestion's", async () => {
    const { source } = await approveSuggestion(
      deps,
      id,
      {
        kind: 'peer-group',
        organization: ' Guild Berlin ',
        refreshMinutes: 180,
        defaultTags: ['cloud', 'berlin'],
      },
      'usr_admin',
      now,
    );
    expect(source).toMatchObject({
      kind: 'peer-group',
      organization: 'Guild Berlin',
      refreshMinutes: 180,
      defaultTags: ['cloud', 'berlin'],
    });
  });

  it('clears the organization when the admin empties it', async () => {
    const { source } = await approveSuggestion(deps, id, { organization: '' }, 'usr_admin', now);
    expect(source.organization).toBeNull();
  });

  it('names each bad change and writes nothing', async () => {
    const error = await approveSuggestion(
      deps,
      id,
      { kind: 'party' as never, refreshMinutes: 5, defaultTags: ['Not A Tag'] },
      'usr_admin',
      now,
    ).catch((caught: unknown) => caught);
    expect(isValidationError(error)).toBe(true);
    expect(
      Object.fromEntries(
        (error as ValidationError).issues.map((issue) => [issue.path.join('.'), issue.message]),
      ),
    ).toEqual({
      kind: 'choose one of: industry-event, professional-org, mentorship-program, peer-group',
      refreshMinutes: 'must be at least 15 minutes',
    });
    // Tags are checked when the source is built, still before any write.
    const tagError = await approveSuggestion(
      deps,
      id,
      { defaultTags: ['Not A Tag'] },
      'usr_admin',
      now,
    ).catch((caught: unknown) => caught);
    expect((tagError as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'defaultTags.0',
    ]);
    expect(await itemsOfType('source')).toEqual([]);
    expect((await suggestions.get(id))?.status).toBe('pending');
  });

  it('adopts the source when the feed was registered meanwhile (with the CLI), unchanged', async () => {
    const added = buildSource({ url, kind: 'industry-event' }, suggestedAt);
    await sources.create(added);
    const approval = await approveSuggestion(deps, id, { refreshMinutes: 120 }, 'usr_admin', now);
    expect(approval.source).toEqual(added);
    expect(await sources.get(added.id)).toEqual(added);
    expect(approval.suggestion.status).toBe('approved');
    expect((await suggestions.get(id))?.status).toBe('approved');
  });

  it('does not take over a different feed’s source that happens to hold the id, and decides nothing', async () => {
    const other = buildSource({ url: 'https://other.example.org/feed', kind: 'peer-group' }, now);
    await sources.create({ ...other, id: sourceIdForUrl(url) });
    await expect(approveSuggestion(deps, id, {}, 'usr_admin', now)).rejects.toBeInstanceOf(SourceExistsError);
    expect((await suggestions.get(id))?.status).toBe('pending');
    expect((await sources.get(sourceIdForUrl(url)))?.url).toBe(other.url);
  });

  it('refuses an unknown suggestion, and one decided already, without creating a source', async () => {
    await expect(approveSuggestion(deps, 'sug_000000000000', {}, 'usr_admin', now)).rejects.toBeInstanceOf(
      SuggestionNotFoundError,
    );
    await rejectSuggestion(deps, id, 'usr_admin', now);
    const error = await approveSuggestion(deps, id, {}, 'usr_admin', now).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SuggestionAlreadyDecidedError);
    expect((error as SuggestionAlreadyDecidedError).suggestion.status).toBe('rejected');
    expect(await itemsOfType('source')).toEqual([]);
  });

  it('decided by another admin between the read and the write: the transaction says so and creates nothing', async () => {
    const stale: SourceSuggestion = pendingSuggestion();
    await suggestions.decide(stale, {
      status: 'rejected',
      decidedBy: 'usr_other',
      decidedAt: now.toISOString(),
    });
    const error = await suggestions
      .decide(stale, { status: 'approved', decidedBy: 'usr_admin', decidedAt: now.toISOString() }, [
        sources.creationPart(buildSource({ url, kind: 'peer-group' }, now)),
      ])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SuggestionAlreadyDecidedError);
    expect((error as SuggestionAlreadyDecidedError).suggestion).toMatchObject({
      status: 'rejected',
      decidedBy: 'usr_other',
    });
    expect(await itemsOfType('source')).toEqual([]);
  });

  it('approved by two admins at once: one source, one approval; the other admin hears it was approved', async () => {
    const outcomes = await Promise.allSettled([
      approveSuggestion(deps, id, { refreshMinutes: 30 }, 'usr_admin_a', now),
      approveSuggestion(deps, id, { refreshMinutes: 90 }, 'usr_admin_b', now),
    ]);
    const won = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeInstanceOf(SuggestionAlreadyDecidedError);
    expect((lost[0] as SuggestionAlreadyDecidedError).suggestion.decidedBy).toBe(
      won[0]?.suggestion.decidedBy,
    );
    const stored = await itemsOfType('source');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.refreshMinutes).toBe(won[0]?.source.refreshMinutes);
    expect(await suggestions.get(id)).toMatchObject({
      status: 'approved',
      decidedBy: won[0]?.suggestion.decidedBy,
    });
  });

  it('approved and rejected at once: one decision, and a source only if the approval won', async () => {
    const [approval, rejection] = await Promise.allSettled([
      approveSuggestion(deps, id, {}, 'usr_admin_a', now),
      rejectSuggestion(deps, id, 'usr_admin_b', now),
    ]);
    expect([approval.status, rejection.status].sort()).toEqual(['fulfilled', 'rejected']);
    const decided = await suggestions.get(id);
    expect(decided?.status).toBe(approval.status === 'fulfilled' ? 'approved' : 'rejected');
    expect(await itemsOfType('source')).toHaveLength(approval.status === 'fulfilled' ? 1 : 0);
  });
});

describe('rejectSuggestion', () => {
  it('marks a pending suggestion rejected by the admin, once, and creates no source', async () => {
    const rejected = await rejectSuggestion(deps, id, 'usr_admin', now);
    expect(rejected).toMatchObject({
      status: 'rejected',
      decidedBy: 'usr_admin',
      decidedAt: now.toISOString(),
    });
    expect(await suggestions.get(id)).toEqual(rejected);
    await expect(rejectSuggestion(deps, id, 'usr_admin', now)).rejects.toBeInstanceOf(
      SuggestionAlreadyDecidedError,
    );
    await expect(rejectSuggestion(deps, 'sug_000000000000', 'usr_admin', now)).rejects.toBeInstanceOf(
      SuggestionNotFoundError,
    );
    expect(await itemsOfType('source')).toEqual([]);
  });
});
