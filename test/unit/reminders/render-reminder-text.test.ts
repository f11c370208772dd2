import { describe, expect, it } from 'vitest';
import { renderReminderText } from '../../../shared/reminders/render-reminder-text.ts';
import {
  reminderContact,
  reminderModel,
  reminderSuggestion,
  twoContactModel,
} from './reminder-model-builder.ts';

const FOOTER = `----
You get this email because ada@example.org asked Trellis for reminders
to stay in touch. Pause or remove a contact to stop reminders about
them.

Manage your contacts:
https://trellis.example/contacts
`;

describe('renderReminderText', () => {
  it('writes every contact due, most overdue first, each URL on its own line', () => {
    expect(renderReminderText(twoContactModel())).toBe(`Time to reconnect with 2 people
===============================

Hi Ada,

2 people are due for a conversation, most overdue first. Times are in
your time zone, Europe/Berlin.

Ana Kovač
---------
Mentor · CNCF Berlin
6 weeks since you last talked on Thu 17 Oct, overdue by 4 days.
You planned to talk every 6 weeks.

Notes:
  Ask how the KubeCon talk went.

Ana might like this too:
  Kubernetes Berlin Meetup
  Tue 3 Dec, 19:00–21:00 CET
  Fits you both: kubernetes
  https://example.org/events/k8s

We talked:
https://trellis.example/a/talked?t=ana
Snooze a week:
https://trellis.example/a/snooze?t=ana
Change cadence:
https://trellis.example/a/cadence?t=ana

Ravi Shah
---------
Peer
8 weeks since you added Ravi (you have not logged a talk yet).
You planned to talk every 8 weeks.

We talked:
https://trellis.example/a/talked?t=ravi
Snooze a week:
https://trellis.example/a/snooze?t=ravi
Change cadence:
https://trellis.example/a/cadence?t=ravi

${FOOTER}`);
  });

  it('writes one contact without a time-zone note when no event is suggested', () => {
    const model = reminderModel({
      recipient: { email: 'ada@example.org', name: null, timeZone: 'Europe/Berlin' },
    });
    expect(renderReminderText(model)).toBe(`Time to reconnect with Ana Kovač
================================

Hi,

Ana Kovač is due for a conversation.

Ana Kovač
---------
Mentor · CNCF Berlin
6 weeks since you last talked on Thu 17 Oct, overdue by 4 days.
You planned to talk every 6 weeks.

Notes:
  Ask how the KubeCon talk went.

We talked:
https://trellis.example/a/talked?t=ana
Snooze a week:
https://trellis.example/a/snooze?t=ana
Change cadence:
https://trellis.example/a/cadence?t=ana

${FOOTER}`);
  });

  it('lists at most three suggestions, all-day ones by date, and leaves out links that are not http(s)', () => {
    const model = reminderModel({
      contacts: [
        reminderContact({
          notes: '',
          suggestions: [
            reminderSuggestion({ title: 'Cloud Day', start: '2024-12-07', end: '2024-12-08', allDay: true }),
            reminderSuggestion({ title: 'SRE Night', url: 'javascript:alert(1)', reason: '' }),
            reminderSuggestion({ title: 'Go Night', url: null, reason: 'CNCF Berlin' }),
            reminderSuggestion({ title: 'Fourth event' }),
          ],
        }),
      ],
    });
    const text = renderReminderText(model);
    expect(text).toContain(`Ana might like these too:
  Cloud Day
  Sat 7 Dec (all day)
  Fits you both: kubernetes
  https://example.org/events/k8s

  SRE Night
  Tue 3 Dec, 19:00–21:00 CET

  Go Night
  Tue 3 Dec, 19:00–21:00 CET
  Fits you both: CNCF Berlin

We talked:`);
    expect(text).not.toContain('Fourth event');
    expect(text).not.toContain('javascript:');
  });

  it('drops an action whose link is not http(s) along with its label', () => {
    const contact = reminderContact({
      links: {
        talkedUrl: 'https://trellis.example/a/talked?t=ana',
        snoozeUrl: 'data:text/html,x',
        cadenceUrl: 'https://trellis.example/a/cadence?t=ana',
      },
    });
    expect(renderReminderText(reminderModel({ contacts: [contact] }))).toContain(`We talked:
https://trellis.example/a/talked?t=ana
Change cadence:
https://trellis.example/a/cadence?t=ana
`);
  });

  it('keeps hostile names and notes on their own lines, within 72 columns except URLs', () => {
    const longWord = 'W'.repeat(200);
    const model = reminderModel({
      contacts: [
        reminderContact({
          name: 'Ana\r\nBcc: x@evil',
          organization: `Org ${longWord}`,
          notes: `First line\r\nSecond ${longWord} line\u202e reversed`,
          suggestions: [
            reminderSuggestion({ title: `Talk ${longWord}`, url: `https://example.org/${longWord}` }),
          ],
        }),
      ],
    });
    const lines = renderReminderText(model).split('\n');
    expect(lines[0]).toBe('Time to reconnect with Ana Bcc: x@evil');
    const name = lines.indexOf('Ana Bcc: x@evil');
    expect(lines.slice(name, name + 3)).toEqual(['Ana Bcc: x@evil', '---------------', 'Mentor · Org']);
    expect(lines.filter((line) => Array.from(line).length > 72)).toEqual([
      `  https://example.org/${longWord}`,
    ]);
    const notes = lines.indexOf('Notes:');
    expect(lines.slice(notes, notes + 7)).toEqual([
      'Notes:',
      '  First line',
      '  Second',
      `  ${'W'.repeat(70)}`,
      `  ${'W'.repeat(70)}`,
      `  ${'W'.repeat(60)} line`,
      '  reversed',
    ]);
    expect(lines.join('\n')).not.toMatch(/[\r\u202e]/);
  });
});
