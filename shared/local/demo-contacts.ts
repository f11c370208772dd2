import { type AddContactDependencies, addContact } from '../contacts/add-contact.ts';
import type { NewContactInput } from '../contacts/contact-input.ts';
import type { ContactOwner } from '../contacts/contact-owner.ts';
import { addDays, localDate } from '../contacts/next-due-date.ts';

/**
 * The demo reader's contacts, dated from `today` (her local date) so a fresh `trellis dev` always shows
 * one reminder due today, one due within the week (the digest's "due this week"), one not due, one paused.
 * Their topics are ones the demo feeds have events on, so reminders carry suggestions.
 */
export function demoContactInputs(today: string): NewContactInput[] {
  return [
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
    {
      name: 'Priya Shah',
      relationship: 'mentee',
      email: 'priya.shah@example.org',
      topics: ['cloud', 'career', 'women-in-tech'],
      lastContactedOn: addDays(today, -10),
      notes: 'Preparing for her first on-call rotation; send her the incident review template.',
    },
    {
      name: 'Tomás Ruiz',
      relationship: 'peer',
      organization: 'Platform guild',
      topics: ['security', 'devops'],
      // Every 8 weeks, last talked 52 days ago: due in 4 days.
      lastContactedOn: addDays(today, -52),
      notes: 'We trade notes on supply-chain security. He wants to co-present at a meetup.',
    },
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
  ];
}

/** Adds the demo contacts for a reader through the one "add a contact" (which puts her in her reminder slot); returns how many. */
export async function seedDemoContacts(
  deps: AddContactDependencies,
  profile: ContactOwner,
  now: Date,
): Promise<number> {
  const inputs = demoContactInputs(localDate(now, profile.timeZone));
  for (const input of inputs) await addContact(deps, profile, input, now);
  return inputs.length;
}
