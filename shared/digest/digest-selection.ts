import type { DigestModel } from './digest-model.ts';
import { reasonsText } from './digest-phrases.ts';

/**
 * What a digest selected, as data (`trellis digest --dry-run --json`): the window, each section's
 * events with their reasons, the calls closing soon, the changes and contacts due. No signed links.
 */
export function digestSelection(model: DigestModel, extra: { readonly wouldSend: boolean }) {
  return {
    to: model.recipient.email,
    isoWeek: model.isoWeek,
    window: { from: model.windowFrom, to: model.windowTo, timeZone: model.recipient.timeZone },
    wouldSend: extra.wouldSend,
    sections: model.sections.map((section) => ({
      id: section.id,
      title: section.title,
      events: section.items.map((item) => ({
        eventId: item.eventId,
        title: item.title,
        start: item.start,
        end: item.end,
        allDay: item.allDay,
        status: item.status,
        online: item.online,
        location: item.location,
        organization: item.organization,
        url: item.url,
        reasons: item.reasons,
        why: reasonsText(item),
        blurb: item.blurb,
        laterOccurrences: item.laterOccurrences.map((occurrence) => ({
          eventId: occurrence.eventId,
          start: occurrence.start,
        })),
      })),
    })),
    callsClosingSoon: model.callsClosing.map((call) => ({
      kind: call.kind,
      eventId: call.eventId,
      title: call.title,
      closesOn: call.closesOn,
      daysLeft: call.daysLeft,
      applyUrl: call.applyUrl,
      eventStart: call.eventStart,
      reasons: call.reasons,
    })),
    changes: model.changes,
    contactsDue: model.contactsDue.map((contact) => ({
      name: contact.name,
      relationship: contact.relationship,
      lastContacted: contact.lastContacted,
    })),
  };
}

export type DigestSelection = ReturnType<typeof digestSelection>;
