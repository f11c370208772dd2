import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { contactReminderEntries } from '../../../shared/calendar/contact-reminder-entries.ts';
import { renderCalendarFeed } from '../../../shared/calendar/render-calendar-feed.ts';
import { buildContact } from '../../../shared/contacts/contact-input.ts';

const now = new Date('2030-03-06T08:00:00Z');
const contact = (name: string, lastContactedOn: string, paused = false) =>
  buildContact(
    'usr_0123456789abcdef',
    { name, relationship: 'mentor', lastContactedOn, paused },
    '2030-03-06',
    now,
  );

describe('due contacts in the calendar feed', () => {
  it('are all-day, free-time entries on the due date (an overdue one today), inside the window only', () => {
    const entries = contactReminderEntries(
      [
        contact('Overdue', '2030-01-01'),
        contact('Soon', '2030-02-01'),
        contact('Later', '2030-03-01'),
        contact('Paused', '2030-01-01', true),
      ],
      '2030-03-06',
      28,
    );
    expect(entries.map((entry) => [entry.title, entry.date])).toEqual([
      ['Reconnect with Overdue (mentor)', '2030-03-06'],
      ['Reconnect with Soon (mentor)', '2030-03-15'],
    ]);
    const text = renderCalendarFeed({
      name: 'Trellis',
      entries: [],
      reminders: entries,
      now,
      refreshMinutes: 360,
    });
    const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    expect(vevents.map((vevent) => String(vevent.getFirstPropertyValue('dtstart')))).toEqual([
      '2030-03-06',
      '2030-03-15',
    ]);
    expect(vevents.every((vevent) => vevent.getFirstPropertyValue('transp') === 'TRANSPARENT')).toBe(true);
    expect(String(vevents[0]?.getFirstPropertyValue('uid'))).toMatch(
      /^con_[0-9a-f]{16}-2030-02-12@trellis-reminder$/,
    );
  });
});
