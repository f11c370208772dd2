import { safeHref } from '../web/safe-href.ts';
import type {
  DigestCallItem,
  DigestChange,
  DigestContactDue,
  DigestEventItem,
  DigestModel,
} from './digest-model.ts';
import {
  blurbText,
  CALLS_TITLE,
  CHANGES_TITLE,
  CONTACTS_TITLE,
  callEventText,
  callText,
  changeText,
  contactNameText,
  digestOrganizations,
  digestPeople,
  eventTimeText,
  footerReasonText,
  greetingText,
  headingText,
  introText,
  isQuietWeek,
  lastContactText,
  ORGANIZATIONS_TITLE,
  organizationText,
  PEOPLE_TITLE,
  personText,
  personWhyText,
  reasonsText,
  shownSections,
  statusText,
  titleText,
  whereText,
  zoneText,
} from './digest-phrases.ts';
import { wrapText } from './wrap-text.ts';

/** Plain-text lines stay within this (RFC 5322's recommended 78), URLs excepted. */
const LINE_WIDTH = 78;
const DETAIL_INDENT = '  ';

/** The digest as the text/plain part: the same content as the HTML, each URL on a line of its own. */
export function renderDigestText(model: DigestModel): string {
  const blocks: string[][] = [underlined(headingText(model), '=')];
  if (isQuietWeek(model)) {
    blocks.push(wrapText(greetingText(model), LINE_WIDTH), wrapText(introText(model), LINE_WIDTH));
    blocks.push(labelledUrl('Open your digest preferences:', model.links.preferencesUrl, ''));
  } else {
    blocks.push(
      wrapText(greetingText(model), LINE_WIDTH),
      wrapText(`${introText(model)} ${zoneText(model)}`, LINE_WIDTH),
    );
    for (const section of shownSections(model)) {
      blocks.push(['', ...underlined(titleText(section.title), '-')]);
      blocks.push(...section.items.map((item) => eventLines(item, model)));
    }
    if (model.callsClosing.length > 0) {
      blocks.push(['', ...underlined(CALLS_TITLE, '-')]);
      blocks.push(...model.callsClosing.map((call) => callLines(call, model)));
    }
    const people = digestPeople(model);
    if (people.length > 0) {
      blocks.push(['', ...underlined(PEOPLE_TITLE, '-')]);
      blocks.push(
        ...people.map((person) => [
          ...wrapText(personText(person), LINE_WIDTH),
          ...detail(personWhyText(person, model)),
          ...urlLine(person.nextEvent?.url ?? null, DETAIL_INDENT),
        ]),
      );
      blocks.push(
        labelledUrl('Everyone worth meeting, and add a potential mentor:', model.links.peopleUrl ?? null, ''),
      );
    }
    const organizations = digestOrganizations(model);
    if (organizations.length > 0) {
      blocks.push(['', ...underlined(ORGANIZATIONS_TITLE, '-')]);
      blocks.push(
        ...organizations.map((organization) => [
          ...wrapText(organizationText(organization), LINE_WIDTH),
          ...(organization.why ? detail(organization.why) : []),
          ...urlLine(organization.website, DETAIL_INDENT),
        ]),
      );
      blocks.push(
        labelledUrl('All suggested organizations, follow or join:', model.links.organizationsUrl ?? null, ''),
      );
    }
    if (model.changes.length > 0) {
      blocks.push(['', ...underlined(CHANGES_TITLE, '-')]);
      blocks.push(...model.changes.map((change) => changeLines(change, model)));
    }
    if (model.contactsDue.length > 0) {
      blocks.push(['', ...underlined(CONTACTS_TITLE, '-')]);
      blocks.push(...model.contactsDue.map((contact) => contactLines(contact, model)));
    }
  }
  blocks.push(['', '----', ...wrapText(footerReasonText(model), LINE_WIDTH)]);
  blocks.push(labelledUrl('Change your digest preferences:', model.links.preferencesUrl, ''));
  blocks.push(labelledUrl('Unsubscribe from this digest:', model.links.unsubscribeUrl, ''));
  return `${blocks
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}

function eventLines(item: DigestEventItem, model: DigestModel): string[] {
  const status = statusText(item);
  const where = whereText(item);
  const reasons = reasonsText(item);
  const blurb = blurbText(item);
  return [
    ...wrapText(titleText(item.title), LINE_WIDTH),
    ...detail(status ? `${eventTimeText(item, model)} · ${status}` : eventTimeText(item, model)),
    ...(where ? detail(where) : []),
    ...(blurb ? detail(blurb) : []),
    ...(reasons ? detail(reasons) : []),
    ...urlLine(item.url, DETAIL_INDENT),
    ...labelledUrl('Add to my calendar:', item.saveUrl, DETAIL_INDENT),
    ...labelledUrl('Not interested:', item.notInterestedUrl, DETAIL_INDENT),
  ];
}

function callLines(call: DigestCallItem, model: DigestModel): string[] {
  return [
    ...wrapText(titleText(call.title), LINE_WIDTH),
    ...detail(callText(call, model)),
    ...detail(callEventText(call, model)),
    ...labelledUrl(
      call.kind === 'call-for-speakers' ? 'Submit a talk:' : 'Register:',
      call.applyUrl,
      DETAIL_INDENT,
    ),
  ];
}

function changeLines(change: DigestChange, model: DigestModel): string[] {
  return [
    ...wrapText(titleText(change.title), LINE_WIDTH),
    ...detail(changeText(change, model)),
    ...urlLine(change.url, DETAIL_INDENT),
  ];
}

function contactLines(contact: DigestContactDue, model: DigestModel): string[] {
  return [
    ...wrapText(contactNameText(contact), LINE_WIDTH),
    ...detail(lastContactText(contact, model)),
    ...labelledUrl('Mark as reconnected:', contact.doneUrl, DETAIL_INDENT),
  ];
}

function detail(text: string): string[] {
  return wrapText(text, LINE_WIDTH, DETAIL_INDENT);
}

function underlined(title: string, rule: '=' | '-'): string[] {
  const lines = wrapText(title, LINE_WIDTH);
  const longest = Math.max(...lines.map((line) => Array.from(line).length));
  return [...lines, rule.repeat(longest)];
}

/** Only http(s) URLs are written out; a URL is never wrapped, so it stays clickable. */
function urlLine(url: string | null, indent: string): string[] {
  const href = safeHref(url);
  return href ? [indent + href] : [];
}

function labelledUrl(label: string, url: string | null, indent: string): string[] {
  const line = urlLine(url, indent);
  return line.length > 0 ? [indent + label, ...line] : [];
}
