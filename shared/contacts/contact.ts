/** The people who matter to a user, and how often they want to be in touch with each. */

export const relationships = ['mentor', 'mentee', 'peer', 'sponsor', 'potential-mentor', 'other'] as const;
export type Relationship = (typeof relationships)[number];

export interface Cadence {
  readonly every: number;
  readonly unit: 'days' | 'weeks';
}

/**
 * Where a potential mentor stands: found (to reach out), contacted (reached out), now a mentor, or
 * not a fit (which pauses their reminders). Only potential mentors have a stage.
 */
export const mentorStages = ['to-reach-out', 'reached-out', 'mentor', 'not-a-fit'] as const;
export type MentorStage = (typeof mentorStages)[number];

export const mentorStageLabels: Record<MentorStage, string> = {
  'to-reach-out': 'To reach out',
  'reached-out': 'Reached out',
  mentor: 'Mentor',
  'not-a-fit': 'Not a fit',
};

/** Defaults per relationship: mentors every 6 weeks, mentees and potential mentors 4, peers and sponsors 8. */
export const defaultCadences: Record<Relationship, Cadence> = {
  mentor: { every: 6, unit: 'weeks' },
  mentee: { every: 4, unit: 'weeks' },
  peer: { every: 8, unit: 'weeks' },
  sponsor: { every: 8, unit: 'weeks' },
  'potential-mentor': { every: 4, unit: 'weeks' },
  other: { every: 8, unit: 'weeks' },
};

/** Dates are the user's local calendar dates, `YYYY-MM-DD`: "we talked on Tuesday" has no time of day. */
export interface Contact {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly relationship: Relationship;
  readonly email: string | null;
  readonly organization: string | null;
  /** Topic vocabulary ids: events on these are suggested to talk about. */
  readonly topics: readonly string[];
  readonly cadence: Cadence;
  /** The local date the contact was added: the cadence counts from it until the first "we talked". */
  readonly addedOn: string;
  readonly lastContactedOn: string | null;
  readonly notes: string;
  readonly paused: boolean;
  /** Potential mentors only (absent on contacts stored before stages existed, and on everyone else). */
  readonly stage?: MentorStage | null;
  /** Not due before this date ("snooze a week"). */
  readonly snoozedUntil: string | null;
  /** The local date the last reminder about this contact went out. */
  readonly lastRemindedOn: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function cadenceText(cadence: Cadence): string {
  return cadence.every === 1
    ? `every ${cadence.unit === 'weeks' ? 'week' : 'day'}`
    : `every ${cadence.every} ${cadence.unit}`;
}
