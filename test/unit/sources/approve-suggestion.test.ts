import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { approveSuggestion, rejectSuggestion } from '../../../shared/sources/approve-suggestion.ts';
import { buildSource, sourceIdForUrl } from '../../../shared/sources/new-source.ts';
import { buildSourceSuggestion, type SourceSuggestion } from '../../../shared/sources/source-suggestion.ts';
import { SourceExistsError } from '../../../shared/store/source-repository.ts';
import {
  SuggestionAlreadyDecidedError,
  SuggestionNotFoundError,
} from '../../../shared/store/source-suggestion-store.ts';
import { inMemorySources, inMemorySuggestions } from '../../support/in-memory-sources.ts';

const suggestedAt = new Date('2030-01-01T08:00:00Z');
const now = new Date('2030-01-02T09:30:00Z');
const url = 'https://events.example.org/calendar.ics';

function setUp(initial: SourceSuggestion[] = [pendingSuggestion()]) {
  const sources = inMemorySources();
  const suggestions = inMemorySuggestions(initial);
  return { sources, suggestions, deps: { sources, suggestions: suggestions.store } };
}

function pendingSuggestion(overrides: Partial<Parameters<typeof buildSourceSuggestion>[0]> = {}) {
  return buildSourceSuggestion(
    { url, kind: 'professional-org', organization: 'Example Guild', note: 'good talks', ...overrides },
    'usr_suggester',
    suggestedAt,
  );
}

describe('approveSuggestion', () => {
  it('creates the source from the suggestion, due at once, then marks the suggestion approved by the admin', async () => {
    const { deps, sources, suggestions } = setUp();
    const id = pendingSuggestion().id;
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
    expect(sources.byId.get(sourceIdForUrl(url))).toEqual(approval.source);
    expect(approval.suggestion).toMatchObject({
      status: 'approved',
      decidedBy: 'usr_admin',
      decidedAt: now.toISOString(),
    });
    expect(suggestions.byId.get(id)).toEqual(approval.suggestion);
  });

  it("takes the admin's kind, organization, refresh interval and tags over the suggestion's", async () => {
    const { deps } = setUp();
    const { source } = await approveSuggestion(
      deps,
      pendingSuggestion().id,
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
    const { deps } = setUp();
    const { source } = await approveSuggestion(
      deps,
      pendingSuggestion().id,
      { organization: '' },
      'usr_admin',
      now,
    );
    expect(source.organization).toBeNull();
  });

  it('names each bad change and writes nothing', async () => {
    const { deps, sources, suggestions } = setUp();
    const id = pendingSuggestion().id;
    const error = await approveSuggestion(
      deps,
      id,
      { kind: 'party' as never, refreshMinutes: 5, defaultTags: ['Not A Tag'] },
      'usr_admin',
      now,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZodError);
    expect(
      Object.fromEntries((error as ZodError).issues.map((issue) => [issue.path.join('.'), issue.message])),
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
    expect((tagError as ZodError).issues.map((issue) => issue.path.join('.'))).toEqual(['defaultTags.0']);
    expect(sources.byId.size).toBe(0);
    expect(suggestions.byId.get(id)?.status).toBe('pending');
  });

  it('is repaired by approving again when it stopped between creating the source and deciding', async () => {
    const { deps, sources, suggestions } = setUp();
    const id = pendingSuggestion().id;
    suggestions.faults.failNextDecide = true;
    await expect(approveSuggestion(deps, id, { refreshMinutes: 120 }, 'usr_admin', now)).rejects.toThrow(
      'the process died',
    );
    expect(sources.byId.size).toBe(1);
    expect(suggestions.byId.get(id)?.status).toBe('pending');

    const later = new Date(now.getTime() + 60_000);
    const approval = await approveSuggestion(deps, id, { refreshMinutes: 120 }, 'usr_admin', later);
    // The source made the first time stays as it was.
    expect(approval.source).toMatchObject({ createdAt: now.toISOString(), refreshMinutes: 120 });
    expect(sources.byId.size).toBe(1);
    expect(approval.suggestion).toMatchObject({ status: 'approved', decidedAt: later.toISOString() });
  });

  it('marks the suggestion approved when the feed was added meanwhile (with the CLI)', async () => {
    const { deps, sources } = setUp();
    const added = buildSource({ url, kind: 'industry-event' }, suggestedAt);
    sources.byId.set(added.id, added);
    const approval = await approveSuggestion(deps, pendingSuggestion().id, {}, 'usr_admin', now);
    expect(approval.source).toEqual(added);
    expect(approval.suggestion.status).toBe('approved');
  });

  it('does not take over a different source that happens to hold the id', async () => {
    const { deps, sources, suggestions } = setUp();
    const other = { ...buildSource({ url: 'https://other.example.org/feed', kind: 'peer-group' }, now) };
    sources.byId.set(sourceIdForUrl(url), { ...other, id: sourceIdForUrl(url) });
    await expect(
      approveSuggestion(deps, pendingSuggestion().id, {}, 'usr_admin', now),
    ).rejects.toBeInstanceOf(SourceExistsError);
    expect(suggestions.byId.get(pendingSuggestion().id)?.status).toBe('pending');
  });

  it('refuses an unknown suggestion, and one decided already, without creating a source', async () => {
    const { deps, sources } = setUp();
    await expect(approveSuggestion(deps, 'sug_000000000000', {}, 'usr_admin', now)).rejects.toBeInstanceOf(
      SuggestionNotFoundError,
    );
    await rejectSuggestion(deps, pendingSuggestion().id, 'usr_admin', now);
    const error = await approveSuggestion(deps, pendingSuggestion().id, {}, 'usr_admin', now).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SuggestionAlreadyDecidedError);
    expect((error as SuggestionAlreadyDecidedError).suggestion.status).toBe('rejected');
    expect(sources.byId.size).toBe(0);
  });
});

describe('rejectSuggestion', () => {
  it('marks a pending suggestion rejected by the admin, once', async () => {
    const { deps, sources } = setUp();
    const id = pendingSuggestion().id;
    const rejected = await rejectSuggestion(deps, id, 'usr_admin', now);
    expect(rejected).toMatchObject({
      status: 'rejected',
      decidedBy: 'usr_admin',
      decidedAt: now.toISOString(),
    });
    await expect(rejectSuggestion(deps, id, 'usr_admin', now)).rejects.toBeInstanceOf(
      SuggestionAlreadyDecidedError,
    );
    expect(sources.byId.size).toBe(0);
  });
});
