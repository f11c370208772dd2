/**
 * The RSS event module (`ev:startdate`, `ev:enddate`, `ev:location`, `ev:organizer`, `ev:type`,
 * http://purl.org/rss/1.0/modules/event/) and its xCal-in-RSS cousin (`xCal:dtstart`, `xCal:dtend`,
 * `xCal:location`), read from one item or entry under whatever prefixes the feed bound.
 */
import { type NamespaceScope, NS } from './xml-namespaces.ts';
import { attribute, childrenOf, childText, textOf, type XmlElement } from './xml-tree.ts';

export interface EventModuleFields {
  readonly start: string | null;
  readonly end: string | null;
  /** xCal dates may carry a TZID for wall times. */
  readonly timeZone: string | null;
  /** xCal ends follow iCalendar (an end date is exclusive); ev:enddate dates name the last day. */
  readonly endDateIsInclusive: boolean;
  readonly location: string | null;
  readonly organizer: string | null;
  readonly type: string | null;
}

export function readEventModule(item: XmlElement, scope: NamespaceScope): EventModuleFields {
  const ev = (local: string) => childText(item, scope.names(NS.event, local, 'ev'));
  const start = ev('startdate');
  const location = ev('location');
  const organizer = ev('organizer');
  const type = ev('type');
  if (start !== null) {
    return { start, end: ev('enddate'), timeZone: null, endDateIsInclusive: true, location, organizer, type };
  }
  const xcalNames = (local: string) => [
    ...scope.names(NS.xcal, local, 'xCal'),
    ...scope.names(NS.xcal, local, 'xcal'),
  ];
  const dtstart = childrenOf(item, xcalNames('dtstart'))[0];
  const dtend = childrenOf(item, xcalNames('dtend'))[0];
  return {
    start: dtstart ? textOf(dtstart).trim() || null : null,
    end: dtend ? textOf(dtend).trim() || null : null,
    timeZone: dtstart ? attribute(dtstart, 'tzid') : null,
    endDateIsInclusive: false,
    location: location ?? childText(item, xcalNames('location')),
    organizer: organizer ?? childText(item, xcalNames('organizer')),
    type,
  };
}
