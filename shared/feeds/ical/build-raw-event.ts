import type { EventTime, RawEvent } from '../raw-event.ts';
import type { VEventData } from './read-vevent.ts';

/**
 * The RawEvent of a VEVENT (or of one occurrence of it). An override that leaves a property out
 * takes the series' value (`series`): some producers only write what changed.
 */
export function buildRawEvent(
  data: VEventData,
  series: VEventData | null,
  recurrenceId: string | null,
  start: EventTime,
  end: EventTime | null,
): RawEvent {
  const described = data.description !== null || !series ? data : series;
  const joinUrl = data.joinUrl ?? series?.joinUrl ?? null;
  return {
    uid: data.uid,
    recurrenceId,
    title: data.title ?? series?.title ?? null,
    description: described.description,
    descriptionFormat: described.descriptionFormat,
    start,
    end,
    status: data.status ?? series?.status ?? null,
    online: joinUrl === null ? null : true,
    joinUrl,
    locationText: data.locationText ?? series?.locationText ?? null,
    place: null,
    organizer: data.organizer ?? series?.organizer ?? null,
    url: data.url ?? series?.url ?? null,
    categories: data.categories.length > 0 || !series ? data.categories : series.categories,
    people: data.people.length > 0 || !series ? data.people : series.people,
  };
}
