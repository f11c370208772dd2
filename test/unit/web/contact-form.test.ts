import { describe, expect, it } from 'vitest';
import { buildContact } from '../../../shared/contacts/contact-input.ts';
import {
  blankContactForm,
  contactFieldsFromForm,
  contactFormProblems,
  contactFormValuesFrom,
  contactFormValuesOf,
} from '../../../shared/web/contact-form.ts';

const today = '2026-05-12';
const now = new Date('2026-05-12T09:00:00Z');

const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, one);
  return params;
};

const full = {
  name: '  Ada Lovelace ',
  relationship: 'mentor',
  email: 'Ada@Example.org',
  organization: 'Analytical Engines',
  topics: ['ai-ml', 'mentorship'],
  every: '3',
  unit: 'weeks',
  lastTalkedOn: '2026-05-01',
  notes: 'Ask about the talk',
  paused: 'on',
};

describe('contact form', () => {
  it('turns a filled-in form into contact fields', () => {
    const result = contactFieldsFromForm(contactFormValuesFrom(form(full)), today, {
      cadenceMayBeEmpty: false,
    });
    expect(result).toEqual({
      ok: true,
      fields: {
        name: 'Ada Lovelace',
        relationship: 'mentor',
        email: 'ada@example.org',
        organization: 'Analytical Engines',
        topics: ['ai-ml', 'mentorship'],
        cadence: { every: 3, unit: 'weeks' },
        lastContactedOn: '2026-05-01',
        notes: 'Ask about the talk',
        paused: true,
      },
    });
  });

  it('reads empty optional fields as null, an absent checkbox as false and no topics as none', () => {
    const result = contactFieldsFromForm(
      contactFormValuesFrom(
        form({ name: 'Ravi', relationship: 'peer', email: ' ', organization: '', every: '', unit: 'weeks' }),
      ),
      today,
      { cadenceMayBeEmpty: true },
    );
    expect(result).toEqual({
      ok: true,
      fields: {
        name: 'Ravi',
        relationship: 'peer',
        email: null,
        organization: null,
        topics: [],
        // An empty "every" on the add form: the relationship's default.
        cadence: { every: 8, unit: 'weeks' },
        lastContactedOn: null,
        notes: '',
        paused: false,
      },
    });
  });

  it('keeps the same topic once when it is sent twice', () => {
    const result = contactFieldsFromForm(
      contactFormValuesFrom(form({ ...full, topics: ['cloud', 'cloud'] })),
      today,
      { cadenceMayBeEmpty: false },
    );
    expect(result.ok && result.fields.topics).toEqual(['cloud']);
  });

  it('gives one friendly message per form field, in form order, for everything wrong at once', () => {
    const result = contactFieldsFromForm(
      contactFormValuesFrom(
        form({
          name: '   ',
          relationship: 'boss',
          email: 'not-an-address',
          topics: ['ai-ml', 'astrology'],
          every: '0',
          unit: 'fortnights',
          lastTalkedOn: '2026-02-30',
          notes: 'x'.repeat(2001),
        }),
      ),
      today,
      { cadenceMayBeEmpty: false },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      name: 'is required',
      relationship: 'must be one of the choices offered',
      email: 'must be an email address like name@example.org',
      topics: 'has a topic Trellis does not know',
      every: 'must be at least 1',
      unit: 'must be one of the choices offered',
      lastTalkedOn: 'must be a real date like 2026-11-25',
      notes: 'must be at most 2000 characters',
    });
    expect(contactFormProblems(result.errors)).toEqual([
      'Name: is required',
      'Relationship: must be one of the choices offered',
      'Email: must be an email address like name@example.org',
      'Topics: has a topic Trellis does not know',
      'How often: must be at least 1',
      'Days or weeks: must be one of the choices offered',
      'Last talked on: must be a real date like 2026-11-25',
      'Notes: must be at most 2000 characters',
    ]);
  });

  it('refuses a last-talked date after today, and a cadence that is not a whole number', () => {
    const future = contactFieldsFromForm(
      contactFormValuesFrom(form({ ...full, lastTalkedOn: '2026-05-13' })),
      today,
      { cadenceMayBeEmpty: false },
    );
    expect(future).toEqual({ ok: false, errors: { lastTalkedOn: 'must be today or earlier' } });
    const fraction = contactFieldsFromForm(contactFormValuesFrom(form({ ...full, every: '1.5' })), today, {
      cadenceMayBeEmpty: false,
    });
    expect(fraction).toEqual({ ok: false, errors: { every: 'must be a whole number' } });
    const tooMany = contactFieldsFromForm(contactFormValuesFrom(form({ ...full, every: '366' })), today, {
      cadenceMayBeEmpty: false,
    });
    expect(tooMany).toEqual({ ok: false, errors: { every: 'must be at most 365' } });
  });

  it('needs "every" on the edit form, where there is no default to fall back to', () => {
    const result = contactFieldsFromForm(contactFormValuesFrom(form({ ...full, every: ' ' })), today, {
      cadenceMayBeEmpty: false,
    });
    expect(result).toEqual({ ok: false, errors: { every: 'is required' } });
  });

  it('keeps what was typed, to show it again', () => {
    const values = contactFormValuesFrom(form({ ...full, every: 'abc' }));
    expect(values).toMatchObject({ name: '  Ada Lovelace ', every: 'abc', topics: ['ai-ml', 'mentorship'] });
  });

  it('prefills the edit form from a stored contact and reads back the same fields', () => {
    const contact = buildContact(
      'usr_1',
      {
        name: 'Grace',
        relationship: 'sponsor',
        email: null,
        organization: 'Navy',
        topics: ['leadership'],
        cadence: { every: 10, unit: 'days' },
        lastContactedOn: '2026-04-30',
        notes: 'line one\nline two',
        paused: false,
      },
      today,
      now,
    );
    const values = contactFormValuesOf(contact);
    expect(values).toEqual({
      ...blankContactForm,
      name: 'Grace',
      relationship: 'sponsor',
      organization: 'Navy',
      topics: ['leadership'],
      every: '10',
      unit: 'days',
      lastTalkedOn: '2026-04-30',
      notes: 'line one\nline two',
    });
    const again = contactFieldsFromForm(values, today, { cadenceMayBeEmpty: false });
    expect(again.ok && again.fields).toMatchObject({
      name: contact.name,
      email: null,
      cadence: contact.cadence,
      lastContactedOn: contact.lastContactedOn,
    });
  });
});
