import { randomBytes } from 'node:crypto';
import { isTopicId, TOPICS } from '../topics/topic-vocabulary.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import { type Contact, defaultCadences, mentorStages, relationships } from './contact.ts';
import { ContactDateInFutureError, StageNotAllowedError } from './contact-errors.ts';

import { addDays, nextDueDate } from './next-due-date.ts';

const isoDate = lazySchema(() => z.iso.date('must be a real date like 2026-11-25'));

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const cadenceSchema = lazySchema(() =>
  z.object({
    every: z.int().check(z.minimum(1, 'must be at least 1'), z.maximum(365, 'must be at most 365')),
    unit: z.enum(['days', 'weeks']),
  }),
);

/** What a person may set on a contact (CLI now, pages and API later), validated field by field. */
export const contactFieldsSchema = lazySchema(() =>
  z.object({
    name: text(120),
    relationship: z.enum(relationships),
    email: z.nullable(z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email())),
    organization: z.nullable(text(120)),
    topics: z
      .array(
        z
          .string()
          .check(z.refine(isTopicId, `must be one of: ${TOPICS.map((topic) => topic.id).join(', ')}`)),
      )
      .check(z.maxLength(20)),
    cadence: cadenceSchema,
    lastContactedOn: z.nullable(isoDate),
    notes: z.string().check(z.trim(), z.maxLength(2000)),
    paused: z.boolean(),
    stage: z.optional(z.nullable(z.enum(mentorStages))),
  }),
);

export type ContactFields = z.infer<typeof contactFieldsSchema>;
const contactChangesSchema = lazySchema(() => z.partial(contactFieldsSchema));
export type ContactChanges = z.input<typeof contactChangesSchema>;
export type NewContactInput = Partial<ContactChanges> & Pick<ContactFields, 'name' | 'relationship'>;

export const newContactId = () => `con_${randomBytes(8).toString('hex')}`;

function checkNotFuture(lastContactedOn: string | null, today: string) {
  if (lastContactedOn && lastContactedOn > today)
    throw new ContactDateInFutureError(`last contacted ${lastContactedOn} is after today (${today})`);
}

/** A new contact; the cadence defaults by relationship. `today` is the user's local date. */
export function buildContact(userId: string, input: NewContactInput, today: string, now: Date): Contact {
  const fields = contactFieldsSchema.parse({
    email: null,
    organization: null,
    topics: [],
    cadence: defaultCadences[input.relationship],
    lastContactedOn: null,
    notes: '',
    paused: false,
    stage: input.relationship === 'potential-mentor' ? 'to-reach-out' : null,
    ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
  });
  checkNotFuture(fields.lastContactedOn, today);
  return withStageRule({
    id: newContactId(),
    userId,
    ...fields,
    topics: [...new Set(fields.topics)],
    addedOn: today,
    snoozedUntil: null,
    lastRemindedOn: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
}

/**
 * The stage rule, in one place: only potential mentors have a stage (a contact made one starts "to
 * reach out"; one that stops being one loses it), and "not a fit" pauses their reminders.
 */
function withStageRule(contact: Contact, before?: Contact): Contact {
  if (contact.relationship !== 'potential-mentor') {
    if (contact.stage) throw new StageNotAllowedError('only a potential mentor has a stage');
    const { stage: _none, ...withoutStage } = contact;
    return withoutStage;
  }
  const stage = contact.stage ?? 'to-reach-out';
  const becameNotAFit = stage === 'not-a-fit' && before?.stage !== 'not-a-fit';
  const leftNotAFit = stage !== 'not-a-fit' && before?.stage === 'not-a-fit';
  return {
    ...contact,
    stage,
    paused: becameNotAFit ? true : leftNotAFit ? false : contact.paused,
  };
}

/** The contact with some fields changed (validated); untouched fields stay. */
export function updateContact(contact: Contact, changes: ContactChanges, today: string, now: Date): Contact {
  const parsed = contactChangesSchema.parse(changes);
  const defined = Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
  const merged = { ...contact, ...defined, updatedAt: now.toISOString() } as Contact;
  // Leaving "potential mentor" drops the stage unless the change sets one (which is refused).
  const next = withStageRule(
    merged.relationship !== 'potential-mentor' && parsed.stage === undefined
      ? { ...merged, stage: null }
      : merged,
    contact,
  );
  checkNotFuture(next.lastContactedOn, today);
  // A new "last contacted" starts a new round: the snooze and the reminder history of the old one go.
  return parsed.lastContactedOn !== undefined && parsed.lastContactedOn !== contact.lastContactedOn
    ? { ...next, snoozedUntil: null }
    : next;
}

/** "We talked" (today, unless a date is given): the cadence starts again. */
export function markTalked(contact: Contact, on: string, now: Date): Contact {
  return { ...contact, lastContactedOn: on, snoozedUntil: null, updatedAt: now.toISOString() };
}

/** Not due before `until`. */
export function snoozeUntil(contact: Contact, until: string, now: Date): Contact {
  return { ...contact, snoozedUntil: until, updatedAt: now.toISOString() };
}

/** "Snooze": not due before `days` after today, or after the due date if that is later. */
export function snoozeFor(contact: Contact, today: string, days: number, now: Date): Contact {
  const due = nextDueDate(contact);
  return snoozeUntil(contact, addDays(due > today ? due : today, days), now);
}
