import { describe, expect, it } from 'vitest';
import {
  actionLabels,
  cadenceSentence,
  durationText,
  headingText,
  introText,
  MAX_SUBJECT_LENGTH,
  notesLines,
  relationshipText,
  reminderSubject,
  shortNameText,
  sinceText,
  suggestionsTitle,
  suggestionTimeText,
  zoneText,
} from '../../../shared/reminders/reminder-phrases.ts';
import {
  namedContacts,
  neverContactedPeer,
  reminderContact,
  reminderModel,
  reminderSuggestion,
  twoContactModel,
} from './reminder-model-builder.ts';

describe('reminderSubject', () => {
  it('names the one contact in full', () => {
    expect(reminderSubject(reminderModel())).toBe('Time to reconnect with Ana Kovač');
  });

  it('names two or three contacts by first name, most overdue first as in the model', () => {
    expect(reminderSubject(twoContactModel())).toBe('Time to reconnect: Ana and Ravi');
    const three = reminderModel({ contacts: namedContacts(['Ana Kovač', 'Ravi Shah', 'Li Wei']) });
    expect(reminderSubject(three)).toBe('Time to reconnect: Ana, Ravi and Li');
  });

  it('names the first two of four or more and counts the rest', () => {
    const four = reminderModel({
      contacts: namedContacts(['Ana Kovač', 'Ravi Shah', 'Li Wei', 'Grace Hopper']),
    });
    expect(reminderSubject(four)).toBe('Time to reconnect: Ana, Ravi and 2 more');
  });

  it('keeps two contacts with the same first name apart', () => {
    const anas = reminderModel({ contacts: namedContacts(['Ana Kovač', 'Ana Silva']) });
    expect(reminderSubject(anas)).toBe('Time to reconnect: Ana Kovač and Ana Silva');
  });

  it('stays one line of at most 90 characters with hostile or very long names', () => {
    const crlf = reminderModel({ contacts: [reminderContact({ name: 'Ana\r\nBcc: x@evil' })] });
    expect(reminderSubject(crlf)).toBe('Time to reconnect with Ana Bcc: x@evil');
    const long = reminderModel({ contacts: [reminderContact({ name: `Ana ${'Kovač '.repeat(30)}` })] });
    expect(Array.from(reminderSubject(long)).length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
    expect(reminderSubject(long)).toMatch(/^Time to reconnect with Ana Kovač Kovač .*Kovač…$/);
    const longFirst = reminderModel({
      contacts: namedContacts([`${'A'.repeat(100)} Kovač`, 'Ravi Shah', 'Li Wei']),
    });
    expect(reminderSubject(longFirst)).toBe(`Time to reconnect: ${'A'.repeat(59)}… and 2 more`);
    expect(Array.from(reminderSubject(longFirst)).length).toBe(MAX_SUBJECT_LENGTH);
  });
});

describe('shortNameText', () => {
  it('is the first word, or the whole name for a title, a one-word name or an empty one', () => {
    const of = (name: string) => shortNameText(reminderContact({ name }), reminderModel());
    expect(of('Ana Kovač')).toBe('Ana');
    expect(of('Dr. Ana Kovač')).toBe('Dr. Ana Kovač');
    expect(of('Ravi')).toBe('Ravi');
    expect(of('  \r\n ')).toBe('Unnamed contact');
  });
});

describe('sinceText', () => {
  const model = reminderModel();

  it('says how long since the last talk, on which day, and how far overdue', () => {
    expect(sinceText(reminderContact(), model)).toBe(
      '6 weeks since you last talked on Thu 17 Oct, overdue by 4 days.',
    );
  });

  it('leaves the overdue part out on the due day', () => {
    const onTime = reminderContact({ daysSinceContact: 42, overdueDays: 0, lastContactedOn: '2024-10-21' });
    expect(sinceText(onTime, model)).toBe('6 weeks since you last talked on Mon 21 Oct.');
  });

  it('counts from the day the contact was added when no talk is logged', () => {
    const added = neverContactedPeer({ name: 'Ana Kovač', daysSinceContact: 21 });
    expect(sinceText(added, model)).toBe('3 weeks since you added Ana (you have not logged a talk yet).');
    const late = neverContactedPeer({ daysSinceContact: 66, overdueDays: 10 });
    expect(sinceText(late, model)).toBe(
      '9 weeks since you added Ravi (you have not logged a talk yet), overdue by 10 days.',
    );
  });

  it('shows the year of a last talk in another year', () => {
    const lastYear = reminderContact({
      lastContactedOn: '2023-11-30',
      daysSinceContact: 368,
      overdueDays: 326,
    });
    expect(sinceText(lastYear, model)).toBe(
      '12 months since you last talked on Thu 30 Nov 2023, overdue by 10 months.',
    );
  });
});

describe('durationText', () => {
  it('speaks in days, then weeks, months and years, rounded down, singular and plural', () => {
    expect([0, 1, 2, 13, 14, 20, 21, 42, 48, 90, 91, 364, 729, 730, 1100].map(durationText)).toEqual([
      '0 days',
      '1 day',
      '2 days',
      '13 days',
      '2 weeks',
      '2 weeks',
      '3 weeks',
      '6 weeks',
      '6 weeks',
      '12 weeks',
      '2 months',
      '11 months',
      '23 months',
      '1 year',
      '3 years',
    ]);
  });
});

describe('the other sentences', () => {
  it('heads and introduces one contact or several', () => {
    expect(headingText(reminderModel())).toBe('Time to reconnect with Ana Kovač');
    expect(introText(reminderModel())).toBe('Ana Kovač is due for a conversation.');
    expect(headingText(twoContactModel())).toBe('Time to reconnect with 2 people');
    expect(introText(twoContactModel())).toBe('2 people are due for a conversation, most overdue first.');
  });

  it('tells the time zone only when an event time is shown', () => {
    expect(zoneText(reminderModel())).toBeNull();
    expect(zoneText(twoContactModel())).toBe('Times are in your time zone, Europe/Berlin.');
  });

  it('describes relationship and organization', () => {
    expect(relationshipText(reminderContact())).toBe('Mentor · CNCF Berlin');
    expect(relationshipText(neverContactedPeer())).toBe('Peer');
    expect(relationshipText(reminderContact({ relationship: 'other', organization: ' ACM\r\n' }))).toBe(
      'Contact · ACM',
    );
  });

  it('states the cadence, or nothing when it is blank', () => {
    expect(cadenceSentence(reminderContact({ cadenceText: 'every week' }))).toBe(
      'You planned to talk every week.',
    );
    expect(cadenceSentence(reminderContact({ cadenceText: ' ' }))).toBeNull();
  });

  it('keeps the lines of the notes and drops blank ones and control characters', () => {
    const contact = reminderContact({
      notes: 'Ask about KubeCon.\r\n\r\n  Her team\tmoved\u0007 to Lisbon.\n',
    });
    expect(notesLines(contact)).toEqual(['Ask about KubeCon.', 'Her team moved to Lisbon.']);
    expect(notesLines(reminderContact({ notes: '' }))).toEqual([]);
  });

  it('introduces one suggestion or several, with times in the reader’s zone', () => {
    const one = reminderContact({ suggestions: [reminderSuggestion()] });
    const two = reminderContact({ suggestions: [reminderSuggestion(), reminderSuggestion()] });
    expect(suggestionsTitle(one, reminderModel())).toBe('Ana might like this too:');
    expect(suggestionsTitle(two, reminderModel())).toBe('Ana might like these too:');
    const newYork = reminderModel({
      recipient: { email: 'ada@example.org', name: 'Ada', timeZone: 'America/New_York' },
    });
    expect(suggestionTimeText(reminderSuggestion(), reminderModel())).toBe('Tue 3 Dec, 19:00–21:00 CET');
    expect(suggestionTimeText(reminderSuggestion(), newYork)).toBe('Tue 3 Dec, 13:00–15:00 EST');
    const allDay = reminderSuggestion({ start: '2025-01-11', end: '2025-01-12', allDay: true });
    expect(suggestionTimeText(allDay, reminderModel())).toBe('Sat 11 Jan 2025 (all day)');
  });

  it('names the contact in every action label', () => {
    expect(actionLabels(reminderContact(), reminderModel())).toEqual({
      talked: 'We talked with Ana',
      snooze: 'Snooze a week: the reminder about Ana',
      cadence: 'Change cadence: how often to talk with Ana',
    });
  });
});
