import type { CallClosingSoon } from '../calls/calls-closing-soon.ts';
import { formatEventTime } from '../digest/format-event-time.ts';
import type { CalendarReminderEntry } from './calendar-entry.ts';

/**
 * Opt-in all-day "CFP closes" entries: a call for speakers (or a registration deadline) of an event
 * that fits the reader, on its last day. The UID names the event, the kind and the date, so a call
 * moved to another day replaces its entry.
 */
export function callEntries(calls: readonly CallClosingSoon[], timeZone: string): CalendarReminderEntry[] {
  return calls.map((call) => ({
    uid: `${call.eventId}-${call.kind}-${call.closesOn}@trellis-deadline`,
    date: call.closesOn,
    title: `${call.kind === 'call-for-speakers' ? 'CFP closes' : 'Registration closes'}: ${call.title}`,
    description: [
      call.applyUrl
        ? `${call.kind === 'call-for-speakers' ? 'Submit a talk' : 'Register or apply'}: ${call.applyUrl}`
        : null,
      `The event: ${formatEventTime({ start: call.start, end: null, allDay: call.allDay }, timeZone)}${call.location ? `, ${call.location}` : call.online ? ', online' : ''}.`,
      call.reasons.length > 0 ? `Fits you: ${call.reasons.join(' · ')}.` : null,
    ]
      .filter((line): line is string => line !== null)
      .join('\n\n'),
    lastModified: call.updatedAt,
  }));
}
