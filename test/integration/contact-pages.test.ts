import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contacts/contact.ts';
import { addDays, localDate } from '../../shared/contacts/next-due-date.ts';
import { type ContactRepository, createContactRepository } from '../../shared/store/contact-repository.ts';
import { createReminderSlots, type ReminderSlots } from '../../shared/store/reminder-slots.ts';
import { createUserRepository, type UserRepository } from '../../shared/store/user-repository.ts';
import type { UserProfile } from '../../shared/users/user-profile.ts';
import { type ApiUnderTest, startApiUnderTest } from '../support/api-under-test.ts';
import { csrfIn, signInVisitor, type TestVisitor } from '../support/test-visitor.ts';

/** The opening tag of the element with this id, attributes in any order. */
const tagWithId = (html: string, id: string) =>
  html.match(new RegExp(`<[a-z]+ [^>]*\\bid="${id}"[^>]*>`))?.[0] ?? '';

/*
 * The contacts pages as a browser without JavaScript meets them: the real api handler over loopback
 * HTTP, DynamoDB Local and SES local. What the pages claim is checked against what the table holds.
 */

let under: ApiUnderTest;
let users: UserRepository;
let contacts: ContactRepository;
let slots: ReminderSlots;

beforeAll(async () => {
  under = await startApiUnderTest();
  users = createUserRepository(under.table.documentClient, under.table.tableName);
  contacts = createContactRepository(under.table.documentClient, under.table.tableName);
  slots = createReminderSlots(under.table.documentClient, under.table.tableName);
});

afterAll(async () => {
  await under?.stop();
});

interface Person {
  readonly visitor: TestVisitor;
  readonly profile: UserProfile;
  readonly today: string;
  readonly csrf: string;
}

let people = 0;
async function signedIn(name: string): Promise<Person> {
  people += 1;
  const email = `${name}-${people}-${under.table.tableName}@example.org`;
  const { visitor } = await signInVisitor(under.api.url, under.inbox, email);
  const profile = await users.getByEmail(email);
  if (!profile) throw new Error(`no profile for ${email}`);
  const page = await visitor.request('/contacts');
  return { visitor, profile, today: localDate(new Date(), profile.timeZone), csrf: csrfIn(page.text) };
}

const mentorForm = (person: Person, overrides: Record<string, string | string[]> = {}) => ({
  csrf: person.csrf,
  name: 'Ada Lovelace',
  relationship: 'mentor',
  email: 'ada@example.org',
  organization: 'Analytical Engines',
  topics: ['ai-ml', 'mentorship'],
  every: '',
  unit: 'weeks',
  lastTalkedOn: '',
  notes: 'Ask about the talk',
  ...overrides,
});

async function addContact(
  person: Person,
  overrides: Record<string, string | string[]> = {},
): Promise<Contact> {
  const before = new Set((await contacts.listForUser(person.profile.id)).map((one) => one.id));
  const { response } = await person.visitor.request('/contacts', { form: mentorForm(person, overrides) });
  expect(response.status).toBe(303);
  const added = (await contacts.listForUser(person.profile.id)).find((one) => !before.has(one.id));
  if (!added) throw new Error('the contact was not stored');
  return added;
}

const isInSlot = async (profile: UserProfile) =>
  (await slots.listInSlot(profile.timeZone, profile.reminderHour)).includes(profile.id);

describe('the contacts pages', () => {
  it('sends a visitor without a session to sign in, for pages and forms alike', async () => {
    for (const [path, method] of [
      ['/contacts', 'GET'],
      ['/contacts', 'POST'],
      ['/contacts/con_0123456789abcdef', 'GET'],
      ['/contacts/con_0123456789abcdef/talked', 'POST'],
    ] as const) {
      const response = await fetch(`${under.api.url}${path}`, {
        method,
        redirect: 'manual',
        ...(method === 'POST'
          ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' }
          : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(303);
      expect(response.headers.get('location')).toBe('/sign-in');
    }
  });

  it('invites adding a first mentor, adds one through the form and lists it with its next due date', async () => {
    const lena = await signedIn('lena');
    const empty = await lena.visitor.request('/contacts');
    expect(empty.response.status).toBe(200);
    expect(empty.text).toContain('Add your first mentor');
    expect(await isInSlot(lena.profile)).toBe(false);

    const { response } = await lena.visitor.request('/contacts', { form: mentorForm(lena) });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/contacts?done=added');

    const [stored, ...others] = await contacts.listForUser(lena.profile.id);
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      name: 'Ada Lovelace',
      relationship: 'mentor',
      email: 'ada@example.org',
      organization: 'Analytical Engines',
      topics: ['ai-ml', 'mentorship'],
      // "Every" left empty: a mentor's default.
      cadence: { every: 6, unit: 'weeks' },
      lastContactedOn: null,
      notes: 'Ask about the talk',
      paused: false,
      addedOn: lena.today,
    });
    expect(await isInSlot(lena.profile)).toBe(true);

    const list = await lena.visitor.request('/contacts?done=added');
    expect(list.text).toContain('<p role="status" class="ok">Contact added.</p>');
    expect(list.text).toContain(`<a href="/contacts/${stored?.id}">Ada Lovelace</a>`);
    expect(list.text).toContain('Due in 42 days');
    expect(list.text).toContain(`next due <time datetime="${addDays(lena.today, 42)}">`);
    expect(list.text).toContain('Mentor · Analytical Engines · every 6 weeks · no talk logged yet');
    expect(list.text).not.toContain('Add your first mentor');
  });

  it('answers a bad form with 400, the values as typed and a message per field, and stores nothing', async () => {
    const omar = await signedIn('omar');
    const tomorrow = addDays(omar.today, 1);
    const { response, text } = await omar.visitor.request('/contacts', {
      form: mentorForm(omar, { name: '  ', every: '0', lastTalkedOn: tomorrow, organization: 'Kept <Org>' }),
    });
    expect(response.status).toBe(400);
    expect(text).toContain('role="alert"');
    expect(text).toContain('<li>Name: is required</li>');
    expect(text).toContain('<li>How often: must be at least 1</li>');
    expect(text).toContain('<li>Last talked on: must be today or earlier</li>');
    expect(text).toContain('value="Kept &lt;Org>"');
    expect(tagWithId(text, 'every')).toContain('value="0"');
    expect(tagWithId(text, 'every')).toContain('aria-invalid="true"');
    expect(tagWithId(text, 'lastTalkedOn')).toContain(`value="${tomorrow}"`);
    expect(tagWithId(text, 'lastTalkedOn')).toContain('aria-invalid="true"');
    expect(text).toMatch(/value="mentorship" checked/);
    expect(text).toContain('>Ask about the talk</textarea>');
    expect(await contacts.listForUser(omar.profile.id)).toEqual([]);
    expect(await isInSlot(omar.profile)).toBe(false);
  });

  it('edits a contact from its prefilled page; a bad edit changes nothing', async () => {
    const mia = await signedIn('mia');
    const ada = await addContact(mia);
    const page = await mia.visitor.request(`/contacts/${ada.id}`);
    expect(page.response.status).toBe(200);
    expect(page.text).toContain('<title>Edit Ada Lovelace · Trellis</title>');
    expect(page.text).toContain('value="Analytical Engines"');
    expect(tagWithId(page.text, 'every')).toContain('value="6"');
    expect(page.text).toContain(`action="/contacts/${ada.id}/remove"`);

    const lastWeek = addDays(mia.today, -7);
    const saved = await mia.visitor.request(`/contacts/${ada.id}`, {
      form: mentorForm(mia, {
        name: 'Ada King',
        relationship: 'sponsor',
        email: '',
        organization: '',
        topics: ['leadership'],
        every: '10',
        unit: 'days',
        lastTalkedOn: lastWeek,
        notes: '',
        paused: 'on',
      }),
    });
    expect(saved.response.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe('/contacts?done=saved');
    const edited = await contacts.get(mia.profile.id, ada.id);
    expect(edited).toMatchObject({
      name: 'Ada King',
      relationship: 'sponsor',
      email: null,
      organization: null,
      topics: ['leadership'],
      cadence: { every: 10, unit: 'days' },
      lastContactedOn: lastWeek,
      notes: '',
      paused: true,
    });
    const list = await mia.visitor.request('/contacts?done=saved');
    expect(list.text).toContain('Changes saved.');
    expect(list.text).toContain('Paused: no reminders');

    const bad = await mia.visitor.request(`/contacts/${ada.id}`, {
      form: mentorForm(mia, { name: 'Someone else', email: 'not-an-address', every: '' }),
    });
    expect(bad.response.status).toBe(400);
    expect(bad.text).toContain('<li>Email: must be an email address like name@example.org</li>');
    expect(bad.text).toContain('<li>How often: is required</li>');
    expect(bad.text).toContain('value="Someone else"');
    expect(bad.text).toContain('value="not-an-address"');
    expect(await contacts.get(mia.profile.id, ada.id)).toEqual(edited);
  });

  it('"we talked today" moves the next due date on; "snooze a week" shows "snoozed until"', async () => {
    const noor = await signedIn('noor');
    const ada = await addContact(noor, { lastTalkedOn: addDays(noor.today, -50) });
    expect((await noor.visitor.request('/contacts')).text).toContain('Overdue by 8 days');

    const talked = await noor.visitor.request(`/contacts/${ada.id}/talked`, { form: { csrf: noor.csrf } });
    expect(talked.response.status).toBe(303);
    expect(talked.response.headers.get('location')).toBe('/contacts?done=talked');
    expect((await contacts.get(noor.profile.id, ada.id))?.lastContactedOn).toBe(noor.today);
    const afterTalk = await noor.visitor.request('/contacts?done=talked');
    expect(afterTalk.text).toContain('Logged: you talked today.');
    expect(afterTalk.text).toContain('Due in 42 days');
    expect(afterTalk.text).toContain(`last talked <time datetime="${noor.today}">`);

    const ravi = await addContact(noor, { name: 'Ravi', lastTalkedOn: addDays(noor.today, -42) });
    expect((await noor.visitor.request('/contacts')).text).toContain('Due today');
    const snoozed = await noor.visitor.request(`/contacts/${ravi.id}/snooze`, { form: { csrf: noor.csrf } });
    expect(snoozed.response.status).toBe(303);
    expect(snoozed.response.headers.get('location')).toBe('/contacts?done=snoozed');
    const until = addDays(noor.today, 7);
    expect((await contacts.get(noor.profile.id, ravi.id))?.snoozedUntil).toBe(until);
    const list = await noor.visitor.request('/contacts?done=snoozed');
    expect(list.text).toContain('Snoozed: no reminder before the date shown.');
    expect(list.text).toMatch(
      new RegExp(
        `<strong>Snoozed until <time datetime="${until}">\\w{3} \\d{1,2} \\w{3} \\d{4}</time></strong>`,
      ),
    );
    // Most overdue first: Ravi (snoozed a week) comes before Ada (due in six weeks).
    expect(list.text.indexOf('>Ravi</a>')).toBeLessThan(list.text.indexOf('>Ada Lovelace</a>'));

    const badDays = await noor.visitor.request(`/contacts/${ravi.id}/snooze`, {
      form: { csrf: noor.csrf, days: '0' },
    });
    expect(badDays.response.status).toBe(400);
    expect(badDays.text).toContain('Snooze: the number of days must be a whole number from 1 to 365');
    expect((await contacts.get(noor.profile.id, ravi.id))?.snoozedUntil).toBe(until);
    const threeMore = await noor.visitor.request(`/contacts/${ravi.id}/snooze`, {
      form: { csrf: noor.csrf, days: '3' },
    });
    expect(threeMore.response.status).toBe(303);
    expect((await contacts.get(noor.profile.id, ravi.id))?.snoozedUntil).toBe(addDays(until, 3));
  });

  it('removes a contact; removing the last one takes the user out of the reminder slot', async () => {
    const pia = await signedIn('pia');
    const ada = await addContact(pia);
    const ravi = await addContact(pia, { name: 'Ravi' });
    const first = await pia.visitor.request(`/contacts/${ada.id}/remove`, { form: { csrf: pia.csrf } });
    expect(first.response.status).toBe(303);
    expect(first.response.headers.get('location')).toBe('/contacts?done=removed');
    expect((await contacts.listForUser(pia.profile.id)).map((one) => one.name)).toEqual(['Ravi']);
    expect(await isInSlot(pia.profile)).toBe(true);

    await pia.visitor.request(`/contacts/${ravi.id}/remove`, { form: { csrf: pia.csrf } });
    expect(await contacts.listForUser(pia.profile.id)).toEqual([]);
    expect(await isInSlot(pia.profile)).toBe(false);
    const list = await pia.visitor.request('/contacts?done=removed');
    expect(list.text).toContain('Contact removed.');
    expect(list.text).toContain('Add your first mentor');
    expect((await pia.visitor.request(`/contacts/${ada.id}`)).response.status).toBe(404);
  });

  it('refuses every form without the right CSRF token (403) and changes nothing', async () => {
    const quinn = await signedIn('quinn');
    const ada = await addContact(quinn, { lastTalkedOn: addDays(quinn.today, -3) });
    for (const csrf of [null, 'forged-token']) {
      /** The form as the page would send it, with the token left out or forged. */
      const tampered = (form: Record<string, string | string[]>) => {
        const { csrf: _valid, ...rest } = form;
        return { ...rest, x: '1', ...(csrf === null ? {} : { csrf }) };
      };
      const attempts: [string, Record<string, string | string[]>][] = [
        ['/contacts', mentorForm(quinn, { name: 'Intruder' })],
        [`/contacts/${ada.id}`, mentorForm(quinn, { name: 'Renamed' })],
        [`/contacts/${ada.id}/talked`, { csrf: quinn.csrf }],
        [`/contacts/${ada.id}/snooze`, { csrf: quinn.csrf }],
        [`/contacts/${ada.id}/remove`, { csrf: quinn.csrf }],
      ];
      for (const [path, form] of attempts) {
        const { response, text } = await quinn.visitor.request(path, { form: tampered(form) });
        expect(response.status, `${path} with ${csrf ?? 'no token'}`).toBe(403);
        expect(text).toContain('This form has expired');
      }
    }
    expect(await contacts.listForUser(quinn.profile.id)).toEqual([ada]);
  });

  it("gives another user 404 for someone else's contact, on every page and form, and an empty list", async () => {
    const owner = await signedIn('owner');
    const ada = await addContact(owner);
    const other = await signedIn('other');

    const page = await other.visitor.request(`/contacts/${ada.id}`);
    expect(page.response.status).toBe(404);
    expect(page.text).toContain('No such contact');
    expect(page.text).not.toContain('Ada');
    for (const [path, form] of [
      [`/contacts/${ada.id}`, mentorForm(other, { name: 'Mine now' })],
      [`/contacts/${ada.id}/talked`, { csrf: other.csrf }],
      [`/contacts/${ada.id}/snooze`, { csrf: other.csrf }],
      [`/contacts/${ada.id}/remove`, { csrf: other.csrf }],
    ] as const) {
      const { response, text } = await other.visitor.request(path, { form });
      expect(response.status, path).toBe(404);
      expect(text).not.toContain('Ada');
    }
    const list = await other.visitor.request('/contacts');
    expect(list.text).toContain('Add your first mentor');
    expect(list.text).not.toContain(ada.id);
    expect(await contacts.listForUser(other.profile.id)).toEqual([]);
    expect(await contacts.listForUser(owner.profile.id)).toEqual([ada]);
    // An id that cannot be a contact's is "no such contact" too, not an error.
    expect((await other.visitor.request(`/contacts/${'x'.repeat(300)}`)).response.status).toBe(404);
  });
});
