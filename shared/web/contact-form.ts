import { type Contact, defaultCadences, type Relationship, relationships } from '../contacts/contact.ts';
import { type ContactFields, contactFieldsSchema } from '../contacts/contact-input.ts';
import type { ValidationError, ValidationIssue } from '../validation/zod.ts';

/*
 * The contact form of the pages: what a person typed (kept as typed, to show again when something is
 * wrong) and the contact fields it means. Problems come back per form field, worded for people; a
 * form with any problem means nothing at all, so nothing is written.
 */

export interface ContactFormValues {
  readonly name: string;
  readonly relationship: string;
  readonly email: string;
  readonly organization: string;
  readonly topics: readonly string[];
  /** Empty on the add form means "the default for the relationship". */
  readonly every: string;
  readonly unit: string;
  readonly lastTalkedOn: string;
  readonly notes: string;
  readonly paused: boolean;
  /** A potential mentor's stage; '' on other contacts (the field is only shown for potential mentors). */
  readonly stage: string;
}

export type ContactFormField = keyof ContactFormValues;
export type ContactFormErrors = Partial<Record<ContactFormField, string>>;

export const contactFormLabels: Record<ContactFormField, string> = {
  name: 'Name',
  relationship: 'Relationship',
  email: 'Email',
  organization: 'Organization',
  topics: 'Topics',
  every: 'How often',
  unit: 'Days or weeks',
  lastTalkedOn: 'Last talked on',
  notes: 'Notes',
  paused: 'Pause reminders',
  stage: 'Stage',
};

/** Form order: the problems list reads top to bottom like the form. */
const fieldOrder = Object.keys(contactFormLabels) as ContactFormField[];

export const blankContactForm: ContactFormValues = {
  name: '',
  relationship: 'mentor',
  email: '',
  organization: '',
  topics: [],
  every: '',
  unit: 'weeks',
  lastTalkedOn: '',
  notes: '',
  paused: false,
  stage: '',
};

/** The fields of a posted form, as typed (nothing dropped but unknown names). */
export function contactFormValuesFrom(form: URLSearchParams): ContactFormValues {
  const text = (name: string) => form.get(name) ?? '';
  return {
    name: text('name'),
    relationship: text('relationship'),
    email: text('email'),
    organization: text('organization'),
    topics: form.getAll('topics'),
    every: text('every'),
    unit: text('unit'),
    lastTalkedOn: text('lastTalkedOn'),
    notes: text('notes'),
    paused: form.has('paused'),
    stage: text('stage'),
  };
}

/** The edit form of a stored contact. */
export function contactFormValuesOf(contact: Contact): ContactFormValues {
  return {
    name: contact.name,
    relationship: contact.relationship,
    email: contact.email ?? '',
    organization: contact.organization ?? '',
    topics: contact.topics,
    every: String(contact.cadence.every),
    unit: contact.cadence.unit,
    lastTalkedOn: contact.lastContactedOn ?? '',
    notes: contact.notes,
    paused: contact.paused,
    stage: contact.stage ?? '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value);
const isRelationship = (value: string): value is Relationship =>
  (relationships as readonly string[]).includes(value);

/** Where a schema path lands on the form. */
function formFieldOf(path: readonly PropertyKey[]): ContactFormField {
  const [first, second] = path;
  if (first === 'cadence') return second === 'unit' ? 'unit' : 'every';
  if (first === 'lastContactedOn') return 'lastTalkedOn';
  return first !== undefined && String(first) in contactFormLabels
    ? (String(first) as ContactFormField)
    : 'name';
}

/** The schema's own messages say "must …"; zod's defaults are reworded for people. */
function friendlyMessage(issue: ValidationIssue, field: ContactFormField): string {
  // The schema lists every topic id; on a checkbox group only a forged form sends another.
  if (field === 'topics' && issue.code === 'custom') return 'has a topic Trellis does not know';
  if (issue.message.startsWith('must')) return issue.message;
  switch (issue.code) {
    case 'too_small':
      return field === 'every' ? 'must be at least 1' : 'is required';
    case 'too_big':
      return issue.origin === 'array'
        ? `can have at most ${issue.maximum} choices`
        : `must be at most ${issue.maximum} characters`;
    case 'invalid_type':
      return field === 'every' ? 'must be a whole number' : 'is required';
    case 'invalid_format':
      return field === 'email' ? 'must be an email address like name@example.org' : 'is not valid';
    case 'invalid_value':
      return 'must be one of the choices offered';
    default:
      return issue.message;
  }
}

/** One message per form field (the first problem of each), from a failed contact validation. */
export function contactFormErrorsOf(error: ValidationError): ContactFormErrors {
  const errors: ContactFormErrors = {};
  for (const issue of error.issues) {
    const field = formFieldOf(issue.path);
    errors[field] ??= friendlyMessage(issue, field);
  }
  return errors;
}

/** "Name: is required", in form order: the problems list at the top of the page. */
export function contactFormProblems(errors: ContactFormErrors): string[] {
  return fieldOrder.flatMap((field) => {
    const message = errors[field];
    return message ? [`${contactFormLabels[field]}: ${message}`] : [];
  });
}

export const futureDateMessage = 'must be today or earlier';

export type ContactFormResult =
  | { readonly ok: true; readonly fields: ContactFields }
  | { readonly ok: false; readonly errors: ContactFormErrors };

/**
 * The contact fields a form means, checked as buildContact and updateContact check them, plus "not
 * after today" as a field problem. With `cadenceMayBeEmpty` (the add form) an empty "every" takes
 * the relationship's default cadence.
 */
export function contactFieldsFromForm(
  values: ContactFormValues,
  today: string,
  options: { readonly cadenceMayBeEmpty: boolean },
): ContactFormResult {
  const every = values.every.trim();
  const defaultCadence =
    options.cadenceMayBeEmpty && every === ''
      ? isRelationship(values.relationship)
        ? defaultCadences[values.relationship]
        : defaultCadences.mentor
      : null;
  const parsed = contactFieldsSchema.safeParse({
    name: values.name,
    relationship: values.relationship,
    email: orNull(values.email),
    organization: orNull(values.organization),
    topics: [...new Set(values.topics)],
    cadence: defaultCadence ?? { every: every === '' ? undefined : Number(every), unit: values.unit },
    lastContactedOn: orNull(values.lastTalkedOn.trim()),
    notes: values.notes,
    paused: values.paused,
    // Only a potential mentor has a stage; a form that changed the relationship away drops it.
    stage: values.relationship === 'potential-mentor' && values.stage !== '' ? values.stage : undefined,
  });
  const errors = parsed.success ? {} : contactFormErrorsOf(parsed.error);
  if (errors.every && every === '') errors.every = 'is required';
  const lastTalkedOn = values.lastTalkedOn.trim();
  if (!errors.lastTalkedOn && lastTalkedOn !== '' && lastTalkedOn > today)
    errors.lastTalkedOn = futureDateMessage;
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, fields: parsed.data };
}
