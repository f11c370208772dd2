import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Contact } from '../contacts/contact.ts';
import { buildContact } from '../contacts/contact-input.ts';
import { addDays, localDate } from '../contacts/next-due-date.ts';
import { createContactRepository } from '../store/contact-repository.ts';
import { createReminderSlots } from '../store/reminder-slots.ts';
import type { UserProfile } from '../users/user-profile.ts';

/**
 * The demo reader's contacts, dated from `today` (her local date) so a fresh `trellis dev` always shows
 * one reminder due today, one due within the week (the digest's "due this week"), one not due, one paused.
 * Their topics are ones the demo feeds have events on, so reminders carry suggestions.
 */
export function demoContactsFor(userId: string, today: string, now: Date): Contact[] {
  return [
    buildContact(
      userId,
      {
        name: 'Jonas Weber',
        relationship: 'mentor',
        email: 'jonas.weber@example.org',
        organization: 'Berlin Tech Community',
        topics: ['kubernetes', 'devops', 'leadership'],
        // Every 6 weeks (the mentor default), last talked exactly 6 weeks ago: due today.
        lastContactedOn: addDays(today, -42),
        notes: 'Advised me on the move to a staff platform role. Ask how the KubeCon talk went.',
      },
      today,
      now,
    ),
    buildContact(
      userId,
      {
        name: 'Priya Shah',
        relationship: 'mentee',
        email: 'priya.shah@example.org',
        topics: ['cloud', 'career', 'women-in-tech'],
        lastContactedOn: addDays(today, -10),
        notes: 'Preparing for her first on-call rotation; send her the incident review template.',
      },
      today,
      now,
    ),
    buildContact(
      userId,
      {
        name: 'Tomás Ruiz',
        relationship: 'peer',
        organization: 'Platform guild',
        topics: ['security', 'devops'],
        // Every 8 weeks, last talked 52 days ago: due in 4 days.
        lastContactedOn: addDays(today, -52),
        notes: 'We trade notes on supply-chain security. He wants to co-present at a meetup.',
      },
      today,
      now,
    ),
    buildContact(
      userId,
      {
        name: 'Claire Dubois',
        relationship: 'sponsor',
        email: 'claire.dubois@example.org',
        organization: 'Northwind Cloud',
        topics: ['leadership', 'engineering-management'],
        lastContactedOn: addDays(today, -90),
        notes: 'On sabbatical until spring: paused until she is back.',
        paused: true,
      },
      today,
      now,
    ),
  ];
}

/** Stores the demo contacts for a reader and puts her in her reminder slot; returns how many. */
export async function seedDemoContacts(
  client: DynamoDBDocumentClient,
  tableName: string,
  profile: UserProfile,
  now: Date,
): Promise<number> {
  const contacts = createContactRepository(client, tableName);
  const seeded = demoContactsFor(profile.id, localDate(now, profile.timeZone), now);
  for (const contact of seeded) await contacts.create(contact);
  await createReminderSlots(client, tableName).enter(profile.id, profile.timeZone, profile.reminderHour);
  return seeded.length;
}
