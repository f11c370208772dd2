/**
 * schema.org enumeration values as JSON-LD (and Trellis's JSON Feed extension) write them: with or
 * without the `https://schema.org/` (or `http://`, or `schema:`) prefix.
 */
import type { EventStatus } from './feed-event.ts';

const SCHEMA_ORG_PREFIX = /^(?:https?:\/\/schema\.org\/|schema:)/i;

/** "https://schema.org/MusicEvent" → "MusicEvent". */
export function schemaOrgName(value: string): string {
  return value.trim().replace(SCHEMA_ORG_PREFIX, '');
}

export interface StatusReading {
  readonly status: EventStatus;
  /** EventMovedOnline says the event is now online. */
  readonly online: boolean | null;
}

const STATUSES: ReadonlyMap<string, StatusReading> = new Map<string, StatusReading>([
  ['eventscheduled', { status: 'confirmed', online: null }],
  ['eventrescheduled', { status: 'confirmed', online: null }],
  ['eventpostponed', { status: 'tentative', online: null }],
  ['eventcancelled', { status: 'cancelled', online: null }],
  ['eventcanceled', { status: 'cancelled', online: null }],
  ['eventmovedonline', { status: 'confirmed', online: true }],
  ['confirmed', { status: 'confirmed', online: null }],
  ['tentative', { status: 'tentative', online: null }],
  ['cancelled', { status: 'cancelled', online: null }],
  ['canceled', { status: 'cancelled', online: null }],
]);

/** An eventStatus (schema.org) or a Trellis status word; null when it is neither. */
export function readEventStatus(value: string): StatusReading | null {
  return STATUSES.get(schemaOrgName(value).toLowerCase()) ?? null;
}

const ATTENDANCE: ReadonlyMap<string, boolean> = new Map([
  ['onlineeventattendancemode', true],
  ['mixedeventattendancemode', true],
  ['offlineeventattendancemode', false],
  ['online', true],
  ['mixed', true],
  ['offline', false],
]);

/** eventAttendanceMode → online (Mixed counts as online: it can be joined from afar); null when unknown. */
export function readAttendanceMode(value: string): boolean | null {
  return ATTENDANCE.get(schemaOrgName(value).toLowerCase()) ?? null;
}
