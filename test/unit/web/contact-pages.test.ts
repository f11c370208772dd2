import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts/contact.ts';
import { buildContact } from '../../../shared/contacts/contact-input.ts';
import { blankContactForm, contactFormValuesOf } from '../../../shared/web/contact-form.ts';
import { renderContactEditPage, renderContactsPage } from '../../../shared/web/contact-pages.tsx';
import { htmlElements } from '../digest/html-elements.ts';

const today = '2026-05-12';
const now = new Date('2026-05-12T09:00:00Z');
const nav = { current: 'contacts' as const, csrf: 'tok-123' };

function contact(overrides: Partial<Contact> & Pick<Contact, 'name'>): Contact {
  return {
    ...buildContact('usr_1', { name: overrides.name, relationship: 'mentor' }, today, now),
    cadence: { every: 1, unit: 'weeks' },
    addedOn: '2026-04-01',
    ...overrides,
  };
}

/** Every form's opening tag up to its CSRF field. */
const forms = (html: string) => html.match(/<form[\s\S]*?<\/form>/g) ?? [];

/** The attributes of the element with this id, as a browser reads them. */
const attributesOf = (html: string, id: string) =>
  htmlElements(html).find((element) => element.attributes.id === id)?.attributes;

describe('contacts list page', () => {
  it('invites adding a first mentor when there are none, with the add form on the page', () => {
    const html = renderContactsPage({ contacts: [], today, csrf: 'tok-123', nav });
    expect(html).toContain('You have no contacts yet');
    expect(html).toContain('<a href="#add">Add your first mentor</a>');
    expect(html).toContain('<h2 id="add">Add a contact</h2>');
    expect(html).toContain('<form method="post" action="/contacts" novalidate>');
    expect(html).not.toContain('<ul class="contacts"');
    expect(html).not.toContain('most overdue first');
  });

  it('lists each contact with due wording, relationship, cadence, last talked and its buttons', () => {
    const ada = contact({
      id: 'con_ada',
      name: 'Ada',
      organization: 'Engines',
      lastContactedOn: '2026-05-01',
      topics: ['ai-ml'],
    });
    const html = renderContactsPage({
      contacts: [ada],
      today,
      csrf: 'tok-123',
      nav,
      status: 'Contact added.',
    });
    expect(html).toContain('<strong class="problem">Overdue by 4 days</strong>');
    expect(html).toContain('next due <time datetime="2026-05-08">Fri 8 May 2026</time>');
    expect(html).toContain('Mentor · Engines · every week · last talked <time datetime="2026-05-01">');
    expect(html).toContain('Talk about: AI &amp; machine learning');
    expect(html).toContain('action="/contacts/con_ada/talked"');
    expect(html).toContain('We talked today<span class="visually-hidden"> with Ada</span>');
    expect(html).toContain('action="/contacts/con_ada/snooze"');
    expect(html).toContain('Snooze a week');
    expect(html).toContain('Edit<span class="visually-hidden"> Ada</span></a>');
    expect(html).toContain('<p role="status" class="ok">Contact added.</p>');
  });

  it('escapes what people typed, in the list and in the kept form values', () => {
    const evil = '<script>alert(1)</script>"';
    const html = renderContactsPage({
      contacts: [contact({ name: evil, organization: evil })],
      today,
      csrf: 'tok-123',
      nav,
      form: { ...blankContactForm, name: evil, notes: `</textarea>${evil}` },
      errors: { every: 'must be at least 1' },
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('</textarea><script');
    expect(html).toContain('value="&lt;script>alert(1)&lt;/script>&quot;"');
    expect(html).toContain('&lt;/textarea>&lt;script>');
    expect(attributesOf(html, 'name')?.value).toBe(evil);
    expect(htmlElements(html).find((element) => element.name === 'textarea')?.text).toBe(
      `</textarea>${evil}`,
    );
  });

  it('gives every form the CSRF token and every field a label', () => {
    const html = renderContactsPage({
      contacts: [contact({ name: 'Ada' }), contact({ name: 'Ravi' })],
      today,
      csrf: 'tok-123',
      nav,
    });
    const all = forms(html);
    // Sign out, two per contact, the add form.
    expect(all).toHaveLength(1 + 2 * 2 + 1);
    for (const form of all) expect(form).toContain('<input type="hidden" name="csrf" value="tok-123"/>');
    const elements = htmlElements(html);
    const controls = elements.filter(
      (element) =>
        ['input', 'select', 'textarea'].includes(element.name) && element.attributes.type !== 'hidden',
    );
    expect(controls.length).toBeGreaterThan(10);
    const labelled = new Set(
      elements.filter((element) => element.name === 'label').map((l) => l.attributes.for),
    );
    for (const control of controls) expect(labelled).toContain(control.attributes.id);
    expect(html).toContain('<legend>How often to be in touch</legend>');
    expect(html).toContain('<legend>Topics to talk about (optional)</legend>');
    expect(html).toContain('mentors every 6 weeks');
  });

  it('marks a field with a problem and lists the problems at the top', () => {
    const html = renderContactsPage({
      contacts: [],
      today,
      csrf: 'tok-123',
      nav,
      form: { ...blankContactForm, name: '', every: '0' },
      errors: { name: 'is required', every: 'must be at least 1' },
    });
    expect(html).toMatch(/<div role="alert"[^>]*>/);
    expect(html).toContain('<li>Name: is required</li><li>How often: must be at least 1</li>');
    expect(attributesOf(html, 'name')).toMatchObject({
      'aria-invalid': 'true',
      'aria-describedby': 'name-error',
    });
    expect(html).toContain('<p id="name-error" class="problem">Name: is required</p>');
    expect(attributesOf(html, 'every')).toMatchObject({
      value: '0',
      'aria-invalid': 'true',
      'aria-describedby': 'cadence-hint every-error',
    });
    expect(attributesOf(html, 'email')).not.toHaveProperty('aria-invalid');
  });
});

describe('contact edit page', () => {
  it('prefills every field and offers a clearly labelled remove form', () => {
    const grace = contact({
      id: 'con_grace',
      name: 'Grace & co',
      relationship: 'sponsor',
      email: 'grace@example.org',
      topics: ['leadership', 'cloud'],
      cadence: { every: 10, unit: 'days' },
      lastContactedOn: '2026-05-02',
      notes: 'Met at <conf>',
      paused: true,
    });
    const html = renderContactEditPage({
      contact: grace,
      values: contactFormValuesOf(grace),
      today,
      csrf: 'tok-123',
      nav,
    });
    expect(html).toContain('<title>Edit Grace &amp; co · Trellis</title>');
    expect(html).toContain('<form method="post" action="/contacts/con_grace" novalidate>');
    expect(html).toContain('value="Grace &amp; co"');
    expect(html).toContain('<option value="sponsor" selected>Sponsor</option>');
    expect(html).toContain('value="grace@example.org"');
    expect(html).toMatch(/name="topics" value="leadership" checked/);
    expect(html).toMatch(/name="topics" value="cloud" checked/);
    expect(html).not.toMatch(/name="topics" value="ai-ml" checked/);
    expect(attributesOf(html, 'every')).toMatchObject({ required: '', value: '10' });
    expect(html).toContain('<option value="days" selected>days</option>');
    expect(attributesOf(html, 'lastTalkedOn')).toMatchObject({ max: '2026-05-12', value: '2026-05-02' });
    expect(html).toContain('>Met at &lt;conf></textarea>');
    expect(html).toMatch(/name="paused" value="on" checked/);
    expect(html).toContain('Paused: no reminders');
    expect(html).toContain(
      '<form method="post" action="/contacts/con_grace/remove"><input type="hidden" name="csrf" value="tok-123"/><button type="submit" class="secondary">Remove Grace &amp; co from my contacts</button></form>',
    );
    for (const form of forms(html)) expect(form).toContain('name="csrf" value="tok-123"');
  });
});
