import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { limitPerSeries } from '../events/collapse-series.ts';
import { isTopicId, topicById } from '../topics/topic-vocabulary.ts';
import { type CalendarEntry, effectiveStatus } from './calendar-entry.ts';
import type { CalendarWindow } from './calendar-window.ts';
import { renderCalendarFeed } from './render-calendar-feed.ts';
import { eventEndMs } from './select-calendar-entries.ts';
import { type CalendarFeedResponse, matchesIfNoneMatch } from './serve-calendar-feed.ts';

/*
 * Public feeds per topic (`/cal/topics/<topic id>.ics`): every event of the feed window tagged with
 * the topic, for anyone. No per-user state, so no table read per request: the render is kept in
 * the container for `maxAgeMs` and made from the window index the user feeds share.
 */

export interface TopicFeedDependencies {
  readonly window: (now: Date) => Promise<CalendarWindow>;
  readonly refreshMinutes: number;
  readonly maxAgeMs: number;
  /** Most events in one topic feed, soonest first. */
  readonly maxEvents: number;
}

interface RenderedTopicFeed {
  readonly etag: string;
  readonly builtAtMs: number;
  /** The feed as text, and base64 of its gzip bytes: the two bodies the HTTP API can be handed. */
  readonly plain: string;
  readonly gzipBase64: string;
}

/** A public topic feed carries the next 8 occurrences of a series (two months of a weekly meetup). */
const occurrencesPerSeries = 8;

export function createTopicFeedServer(deps: TopicFeedDependencies) {
  const rendered = new Map<string, RenderedTopicFeed>();

  async function render(topicId: string, now: Date): Promise<RenderedTopicFeed> {
    const known = rendered.get(topicId);
    if (known && now.getTime() - known.builtAtMs < deps.maxAgeMs && now.getTime() >= known.builtAtMs)
      return known;
    const topic = topicById(topicId as Parameters<typeof topicById>[0]);
    const window = await deps.window(now);
    const upcoming = [...window.index.storedById.values()]
      .filter((event) => event.tags.includes(topicId) && eventEndMs(event) > now.getTime())
      .sort((a, b) => a.start.localeCompare(b.start));
    const entries: CalendarEntry[] = limitPerSeries(upcoming, occurrencesPerSeries)
      .slice(0, deps.maxEvents)
      .map((event) => ({
        event,
        note: `Topic: ${topic.label}${event.organization ? ` · ${event.organization}` : ''}`,
        sequence: event.revision ?? 0,
        status: effectiveStatus(event),
      }));
    const body = renderCalendarFeed({
      name: `Trellis · ${topic.label}`,
      entries,
      now,
      refreshMinutes: deps.refreshMinutes,
    });
    const next: RenderedTopicFeed = {
      etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      builtAtMs: now.getTime(),
      plain: body,
      gzipBase64: gzipSync(Buffer.from(body, 'utf8')).toString('base64'),
    };
    rendered.set(topicId, next);
    return next;
  }

  return async (
    request: {
      readonly pathTopic: string;
      readonly ifNoneMatch: string | null;
      readonly acceptsGzip: boolean;
    },
    now: Date,
  ): Promise<CalendarFeedResponse> => {
    const topicId = request.pathTopic.replace(/\.ics$/, '');
    if (!isTopicId(topicId)) return { status: 'not-found' };
    const feed = await render(topicId, now);
    const lastModified = new Date(feed.builtAtMs).toUTCString();
    if (matchesIfNoneMatch(request.ifNoneMatch, feed.etag))
      return { status: 'not-modified', etag: feed.etag, lastModified };
    return {
      status: 'ok',
      etag: feed.etag,
      lastModified,
      body: request.acceptsGzip ? feed.gzipBase64 : feed.plain,
      encoding: request.acceptsGzip ? 'base64' : 'utf8',
    };
  };
}
