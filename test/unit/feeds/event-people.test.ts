import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../shared/feeds/parse-feed.ts';
import { peopleInText } from '../../../shared/feeds/people-in-text.ts';
import { personKey, personName } from '../../../shared/people/person-name.ts';

const window = { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: Date.parse('2027-01-01T00:00:00Z') };
const people = (text: string) =>
  parseFeed(text, { window }).events.map((event) =>
    event.people.map(({ name, role, from }) => ({ name, role, from })),
  );

const ics = (lines: string[]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:p@example.org',
    'DTSTART:20260610T170000Z',
    ...lines,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

describe('people an event names', () => {
  it('iCalendar: the ORGANIZER with a CN, ATTENDEEs who chair or speak; never the audience', () => {
    expect(
      people(
        ics([
          'SUMMARY:Platform Engineering Day',
          'ORGANIZER;CN=Dr. Zoë Müller:mailto:zoe@example.org',
          'ATTENDEE;ROLE=CHAIR;CN=Ada Lovelace:mailto:ada@example.org',
          'ATTENDEE;PARTICIPANT-TYPE=SPEAKER;CN="Grace Hopper":mailto:grace@example.org',
          'ATTENDEE;ROLE=REQ-PARTICIPANT;CN=Bob Smith:mailto:bob@example.org',
          'ATTENDEE;ROLE=CHAIR:mailto:nameless@example.org',
        ]),
      ),
    ).toEqual([
      [
        { name: 'Dr. Zoë Müller', role: 'organizer', from: 'field' },
        { name: 'Ada Lovelace', role: 'chair', from: 'field' },
        { name: 'Grace Hopper', role: 'speaker', from: 'field' },
      ],
    ]);
  });

  it('an organizer that is an organization is no person', () => {
    expect(
      people(ics(['SUMMARY:Meetup', 'ORGANIZER;CN=Berlin Tech Community:mailto:x@example.org'])),
    ).toEqual([[]]);
  });

  it('schema.org: performers (Person or a bare name) and organizers typed Person', () => {
    const page = `<html><head><script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Leadership Summit',
      startDate: '2026-06-10T09:00:00Z',
      performer: [
        { '@type': 'Person', name: 'Kim Lee' },
        'Sam Rivera',
        { '@type': 'PerformingGroup', name: 'The Band' },
      ],
      organizer: [
        { '@type': 'Organization', name: 'Leaders Guild' },
        { '@type': 'Person', name: 'Ana Costa' },
      ],
    })}</script></head><body></body></html>`;
    expect(people(page)).toEqual([
      [
        { name: 'Kim Lee', role: 'speaker', from: 'field' },
        { name: 'Sam Rivera', role: 'speaker', from: 'field' },
        { name: 'Ana Costa', role: 'organizer', from: 'field' },
      ],
    ]);
  });

  it('RSS and Atom: the author by name', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel><title>t</title>
      <item><title>Talk night</title><guid>a</guid><author>jane@example.org (Jane Doe)</author><ev:startdate>2026-06-10T18:00:00Z</ev:startdate></item>
    </channel></rss>`;
    expect(people(rss)).toEqual([[{ name: 'Jane Doe', role: 'author', from: 'field' }]]);
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:ev="http://purl.org/rss/1.0/modules/event/"><title>t</title>
      <entry><title>Panel</title><id>b</id><author><name>Omar Haddad</name></author><ev:startdate>2026-06-11T18:00:00Z</ev:startdate></entry></feed>`;
    expect(people(atom)).toEqual([[{ name: 'Omar Haddad', role: 'author', from: 'field' }]]);
  });

  it('free text only from a labelled line, labelled as such, and only what reads as a name', () => {
    expect(
      peopleInText(
        'Join us!\nSpeakers: Priya Natarajan (Acme), Jean-Luc Picard and Ludwig van Beethoven\nHosted by: Maria Silva – Community Lead\nOur speakers will talk about leadership.',
      ),
    ).toEqual([
      { name: 'Priya Natarajan', role: 'speaker' },
      { name: 'Jean-Luc Picard', role: 'speaker' },
      { name: 'Ludwig van Beethoven', role: 'speaker' },
      { name: 'Maria Silva', role: 'organizer' },
    ]);
    expect(peopleInText('Speaker: TBA')).toEqual([]);
    expect(peopleInText('Speaker: to be announced soon')).toEqual([]);
    expect(peopleInText('A talk with Jane Doe about things')).toEqual([]);
    expect(people(ics(['SUMMARY:Talk', 'DESCRIPTION:Speaker: Jane Doe\\nDoors at 6']))).toEqual([
      [{ name: 'Jane Doe', role: 'speaker', from: 'text' }],
    ]);
  });

  it('one person from two spellings: case, accents, honorifics and punctuation fold away', () => {
    expect(personKey('Dr. Zoë  Müller-Lang')).toBe(personKey('zoe muller lang'));
    expect(personKey('Prof. Ada Lovelace')).toBe('ada lovelace');
    expect(personName('events@example.org')).toBeNull();
    expect(personName('Cher')).toBeNull();
    expect(personName('Room 101 Team')).toBeNull();
    const twice = ics([
      'SUMMARY:Talk',
      'ATTENDEE;ROLE=CHAIR;CN=Ada Lovelace:mailto:a@example.org',
      'DESCRIPTION:Speaker: ada lovelace\\nModerator: ADA LOVELACE',
    ]);
    expect(people(twice)).toEqual([[{ name: 'Ada Lovelace', role: 'chair', from: 'field' }]]);
  });
});

describe('registration and application deadlines', () => {
  it('schema.org offers.validThrough: the latest one, as the date it names, with its offer link', () => {
    const page = `<html><head><script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'EducationEvent',
      name: 'Open Mentorship Programme: spring cohort',
      startDate: '2026-09-01',
      offers: [
        { '@type': 'Offer', url: 'https://mentor.example/early', validThrough: '2026-06-30T23:59:00+02:00' },
        { '@type': 'Offer', url: 'https://mentor.example/apply', validThrough: '2026-07-15' },
        { '@type': 'Offer', validThrough: 'soon' },
      ],
    })}</script></head><body></body></html>`;
    const [event] = parseFeed(page, { window }).events;
    expect(event?.registrationDeadline).toEqual({
      url: 'https://mentor.example/apply',
      closesOn: '2026-07-15',
    });
    expect(event?.callForSpeakers).toBeNull();
  });

  it('none without offers, and none from a hostile link', () => {
    const page = (offers: unknown) =>
      `<html><head><script type="application/ld+json">${JSON.stringify({
        '@context': 'https://schema.org',
        '@type': 'Event',
        name: 'Evening',
        startDate: '2026-09-01T18:00:00Z',
        offers,
      })}</script></head></html>`;
    expect(parseFeed(page(undefined), { window }).events[0]?.registrationDeadline).toBeNull();
    expect(
      parseFeed(page({ url: 'javascript:alert(1)', validThrough: '2026-08-01' }), { window }).events[0]
        ?.registrationDeadline,
    ).toEqual({ url: null, closesOn: '2026-08-01' });
  });
});
