import { COLOR, emailDocument, LAYOUT_TABLE } from '../web/email-style.ts';
import { escapeHtml, safeHref } from '../web/escape-html.ts';
import type {
  DigestChange,
  DigestContactDue,
  DigestEventItem,
  DigestModel,
  DigestSection,
} from './digest-model.ts';
import {
  CHANGES_TITLE,
  CONTACTS_TITLE,
  changeText,
  contactNameText,
  contactText,
  eventTimeText,
  footerReasonText,
  greetingText,
  headingText,
  introText,
  isQuietWeek,
  lastContactText,
  reasonsText,
  shownSections,
  statusText,
  titleText,
  whereText,
  zoneText,
} from './digest-phrases.ts';
import { digestSubject } from './digest-subject.ts';

/** The digest as an HTML email body. Everything from feeds and profiles is escaped. */
export function renderDigestHtml(model: DigestModel): string {
  const body = isQuietWeek(model) ? quietWeekBody(model) : digestBody(model);
  return emailDocument({
    title: digestSubject(model),
    preheader: introText(model),
    heading: headingText(model),
    content: `${body}\n${footer(model)}`,
  });
}

function digestBody(model: DigestModel): string {
  const blocks = [
    paragraph(greetingText(model)),
    paragraph(`${introText(model)} ${zoneText(model)}`),
    ...shownSections(model).map((section) => sectionBlock(section, model)),
  ];
  if (model.changes.length > 0) {
    blocks.push(
      block(
        CHANGES_TITLE,
        model.changes.map((change) => changeRow(change, model)),
      ),
    );
  }
  if (model.contactsDue.length > 0) {
    blocks.push(
      block(
        CONTACTS_TITLE,
        model.contactsDue.map((contact) => contactRow(contact, model)),
      ),
    );
  }
  return blocks.join('\n');
}

function quietWeekBody(model: DigestModel): string {
  const preferences = link(model.links.preferencesUrl, 'Open your digest preferences');
  return [
    paragraph(greetingText(model)),
    paragraph(introText(model)),
    `<p style="margin:0 0 16px;">${preferences}</p>`,
  ].join('\n');
}

function sectionBlock(section: DigestSection, model: DigestModel): string {
  return block(
    titleText(section.title),
    section.items.map((item) => eventRow(item, model)),
  );
}

function eventRow(item: DigestEventItem, model: DigestModel): string {
  const title = titleText(item.title);
  const status = statusText(item);
  const when = `${escapeHtml(eventTimeText(item, model))}${status ? ` · <strong class="tr-alert" style="color:${COLOR.alert};">${escapeHtml(status)}</strong>` : ''}`;
  const where = whereText(item);
  const reasons = reasonsText(item);
  const notInterested = link(item.notInterestedUrl, 'Not interested', `Not interested in ${title}`);
  // Accessible names begin with the visible words (WCAG 2.5.3 Label in Name), then say which event.
  const save = link(item.saveUrl, 'Add to my calendar', `Add to my calendar: ${title}`);
  return [
    heading3(link(item.url, title)),
    `<p style="margin:0;">${when}</p>`,
    where ? `<p style="margin:0;">${escapeHtml(where)}</p>` : '',
    reasons ? muted(escapeHtml(reasons)) : '',
    `<p style="margin:6px 0 0;font-size:13px;">${save} · ${notInterested}</p>`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function changeRow(change: DigestChange, model: DigestModel): string {
  return [
    heading3(link(change.url, titleText(change.title))),
    `<p style="margin:0;">${escapeHtml(changeText(change, model))}</p>`,
  ].join('\n');
}

function contactRow(contact: DigestContactDue, model: DigestModel): string {
  const done = link(contact.doneUrl, 'Mark as reconnected', `Mark as reconnected: ${contactText(contact)}`);
  return [
    heading3(escapeHtml(contactNameText(contact))),
    muted(escapeHtml(lastContactText(contact, model))),
    `<p style="margin:6px 0 0;font-size:13px;">${done}</p>`,
  ].join('\n');
}

function footer(model: DigestModel): string {
  const preferences = link(model.links.preferencesUrl, 'Change your digest preferences');
  const unsubscribe = link(model.links.unsubscribeUrl, 'Unsubscribe from this digest');
  return `<table ${LAYOUT_TABLE} style="margin-top:28px;border-collapse:collapse;">
<tr><td class="tr-rule tr-muted" style="padding-top:16px;border-top:1px solid ${COLOR.rule};color:${COLOR.muted};font-size:13px;line-height:1.5;">
<p style="margin:0 0 8px;">${escapeHtml(footerReasonText(model))}</p>
<p style="margin:0;">${preferences} · ${unsubscribe}</p>
</td></tr>
</table>`;
}

/** A titled list: an h2, then one table row per entry, each under a thin rule. */
function block(title: string, rows: readonly string[]): string {
  const cells = rows.map(
    (row) =>
      `<tr><td class="tr-rule" style="padding:12px 0;border-top:1px solid ${COLOR.rule};">\n${row}\n</td></tr>`,
  );
  return `<h2 class="tr-text" style="margin:28px 0 8px;font-size:19px;line-height:1.3;font-weight:700;color:${COLOR.text};">${escapeHtml(title)}</h2>
<table ${LAYOUT_TABLE} style="table-layout:fixed;border-collapse:collapse;">
${cells.join('\n')}
</table>`;
}

function heading3(content: string): string {
  return `<h3 class="tr-text" style="margin:0 0 4px;font-size:17px;line-height:1.35;font-weight:600;color:${COLOR.text};">${content}</h3>`;
}

function paragraph(text: string): string {
  return `<p style="margin:0 0 16px;">${escapeHtml(text)}</p>`;
}

function muted(content: string): string {
  return `<p class="tr-muted" style="margin:4px 0 0;font-size:14px;color:${COLOR.muted};">${content}</p>`;
}

/** A link when the URL is http(s), else the text alone; `label` names the target for screen readers. */
function link(url: string | null, text: string, label?: string): string {
  const href = safeHref(url);
  if (!href) return escapeHtml(text);
  const ariaLabel = label ? ` aria-label="${escapeHtml(label)}"` : '';
  return `<a href="${escapeHtml(href)}" class="tr-link" style="color:${COLOR.link};text-decoration:underline;"${ariaLabel}>${escapeHtml(text)}</a>`;
}
