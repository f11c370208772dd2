import type { RawEvent } from '../raw-event.ts';
import { buildRawEvent } from './build-raw-event.ts';
import {
  type EndRule,
  endOf,
  endRuleOf,
  eventTimeOf,
  utcMsOf,
  type ZonedValue,
  zonedProperty,
} from './event-times.ts';
import {
  asSeriesKind,
  expandSeries,
  MAX_OCCURRENCES_PER_SERIES,
  occurrenceKey,
  type PreparedRule,
  recurrenceIdOf,
} from './expand-series.ts';
import { errorNote, type ProblemNote } from './problem-notes.ts';
import type { VEventData } from './read-vevent.ts';
import { emit, type Reading, report, type Start, unreadableEvent } from './reading.ts';

interface ChosenOverride {
  readonly data: VEventData;
  readonly key: number;
  readonly originalStart: ZonedValue;
}

/**
 * The occurrences of a series in the window, with its RECURRENCE-ID overrides in place of the
 * occurrences they name, in start order.
 */
export function readSeries(
  master: VEventData,
  { start, startMs }: Start,
  endRule: EndRule,
  rule: PreparedRule | null,
  overrides: readonly VEventData[],
  reading: Reading,
  messages: ProblemNote[],
): void {
  const { zones, window } = reading;
  const chosen = chooseOverrides(overrides, start, reading);
  const limit = Math.min(MAX_OCCURRENCES_PER_SERIES, reading.budget.remaining);
  const { occurrences, truncated } = expandSeries(
    {
      start,
      startMs,
      rule,
      rdates: master.rdates,
      exdates: master.exdates,
      overriddenKeys: new Set(chosen.keys()),
      limit,
    },
    zones,
    window,
    messages,
  );
  if (truncated && limit < MAX_OCCURRENCES_PER_SERIES) {
    reading.budget.exceeded = true;
  } else if (truncated) {
    messages.push(
      errorNote(
        `more than ${MAX_OCCURRENCES_PER_SERIES} occurrences in the horizon; only the first ${MAX_OCCURRENCES_PER_SERIES} are kept`,
      ),
    );
  }
  // Without overrides the occurrences are already in order and go straight out.
  const series: { startMs: number; event: RawEvent }[] | null = chosen.size > 0 ? [] : null;
  for (const occurrence of occurrences) {
    const end = occurrence.periodEnd ?? endOf(endRule, occurrence.start, occurrence.startMs);
    const recurrenceId = recurrenceIdOf(occurrence.key, start);
    const event = buildRawEvent(
      master,
      null,
      recurrenceId,
      eventTimeOf(occurrence.start, occurrence.startMs),
      end,
    );
    if (series) series.push({ startMs: occurrence.startMs, event });
    else emit(reading, event);
  }
  if (!series) return;
  for (const override of chosen.values()) {
    const overrideMessages = [...override.data.lineProblems];
    try {
      // An override may move its occurrence into or out of the window: its own start decides.
      const moved = override.data.dtstart
        ? zonedProperty(override.data.dtstart, zones, overrideMessages)
        : override.originalStart;
      if (moved) {
        reading.readable++;
        const movedMs = utcMsOf(moved);
        if (movedMs >= window.fromMs && movedMs < window.toMs) {
          const { dtend, duration } = override.data;
          const ownEnd =
            dtend !== null || duration !== null
              ? endRuleOf(moved, movedMs, dtend, duration, zones, overrideMessages)
              : endRule;
          const recurrenceId = recurrenceIdOf(override.key, start);
          const event = buildRawEvent(
            override.data,
            master,
            recurrenceId,
            eventTimeOf(moved, movedMs),
            endOf(ownEnd, moved, movedMs),
          );
          series.push({ startMs: movedMs, event });
        }
      }
    } catch (error) {
      overrideMessages.push(unreadableEvent(error));
    }
    report(override.data, overrideMessages, reading);
  }
  series.sort((a, b) => a.startMs - b.startMs);
  for (const { event } of series) emit(reading, event);
}

/**
 * One override per original occurrence: the highest SEQUENCE, the later one on a tie.
 * RANGE=THISANDFUTURE is read as an override of the one occurrence it names.
 */
function chooseOverrides(
  overrides: readonly VEventData[],
  seriesStart: ZonedValue,
  reading: Reading,
): Map<number, ChosenOverride> {
  const chosen = new Map<number, ChosenOverride>();
  for (const data of overrides) {
    const messages: ProblemNote[] = [];
    const original = data.recurrenceId && zonedProperty(data.recurrenceId, reading.zones, messages);
    if (original) {
      const originalStart = asSeriesKind(original, seriesStart);
      const key = occurrenceKey(originalStart, utcMsOf(originalStart), seriesStart);
      const existing = chosen.get(key);
      if (!existing || data.sequence >= existing.data.sequence) chosen.set(key, { data, key, originalStart });
    }
    report(data, messages, reading);
  }
  return chosen;
}
