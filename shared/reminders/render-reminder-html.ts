import { COLOR, emailDocument, LAYOUT_TABLE } from '../web/email-style.ts';
import { escapeHtml, safeHref } from '../web/escape-html.ts';
import type { ReminderContactItem, ReminderModel, ReminderSuggestion } from './reminder-model.ts';
import {
  actionLabels,
  CADENCE_TEXT,
  CONTACTS_LINK_TEXT,
  cadenceSentence,
  contactNameText,
  footerReasonText,
  greetingText,
  headingText,
  introText,
  NOTES_TITLE,
  notesLines,
  relationshipText,
  reminderSubject,
  SNOOZE_TEXT,
  shownSuggestions,
  sinceText,
  suggestionReasonText,
  suggestionsTitle,
  suggestionTimeText,
  suggestionTitleText,
  TALKED_TEXT,
  zoneText,
} from './reminder-phrases.ts';

/** The reconnect reminder as an HTML email body. Everything from contacts and feeds is escaped. */
export function renderReminderHtml(model: ReminderModel): string {
  const zone = zoneText(model);
  const rows = model.contacts.map(
    (contact) =>
      `<tr><td class="tr-rule" style="padding:16px 0 20px;border-top:1px solid ${COLOR.rule};">\n${contactCell(contact, model)}\n</td></tr>`,
  );
  return emailDocument({
    title: reminderSubject(model),
    preheader: introText(model),
    heading: headingText(model),
    content: [
      paragraph(greetingText(model)),
      paragraph(zone ? `${introText(model)} ${zone}` : introText(model)),
      `<table ${LAYOUT_TABLE} style="table-layout:fixed;border-collapse:collapse;">\n${rows.join('\n')}\n</table>`,
      footer(model),
    ].join('\n'),
  });
}

function contactCell(contact: ReminderContactItem, model: ReminderModel): string {
  const cadence = cadenceSentence(contact);
  const notes = notesLines(contact);
  const suggestions = shownSuggestions(contact);
  const labels = actionLabels(contact, model);
  const actions = [
    link(contact.links.talkedUrl, TALKED_TEXT, labels.talked),
    link(contact.links.snoozeUrl, SNOOZE_TEXT, labels.snooze),
    link(contact.links.cadenceUrl, CADENCE_TEXT, labels.cadence),
  ];
  return [
    `<h2 class="tr-text" style="margin:0 0 2px;font-size:19px;line-height:1.3;font-weight:700;color:${COLOR.text};">${escapeHtml(contactNameText(contact))}</h2>`,
    muted(escapeHtml(relationshipText(contact))),
    `<p style="margin:8px 0 0;">${escapeHtml(sinceText(contact, model))}${cadence ? ` ${escapeHtml(cadence)}` : ''}</p>`,
    notes.length > 0
      ? `<p style="margin:8px 0 0;"><strong>${NOTES_TITLE}:</strong><br>${notes.map(escapeHtml).join('<br>')}</p>`
      : '',
    suggestions.length > 0
      ? `<h3 class="tr-text" style="margin:16px 0 0;font-size:16px;line-height:1.35;font-weight:600;color:${COLOR.text};">${escapeHtml(suggestionsTitle(contact, model))}</h3>`
      : '',
    ...suggestions.map((suggestion) => suggestionParagraph(suggestion, model)),
    `<p style="margin:16px 0 0;font-size:15px;font-weight:600;">${actions.join(' · ')}</p>`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Title (linked when it has an http(s) URL), local time, then why it fits both. */
function suggestionParagraph(suggestion: ReminderSuggestion, model: ReminderModel): string {
  const reason = suggestionReasonText(suggestion);
  const lines = [
    link(suggestion.url, suggestionTitleText(suggestion)),
    escapeHtml(suggestionTimeText(suggestion, model)),
    ...(reason ? [`<span class="tr-muted" style="color:${COLOR.muted};">${escapeHtml(reason)}</span>`] : []),
  ];
  return `<p style="margin:8px 0 0;">${lines.join('<br>')}</p>`;
}

function footer(model: ReminderModel): string {
  return `<table ${LAYOUT_TABLE} style="margin-top:12px;border-collapse:collapse;">
<tr><td class="tr-rule tr-muted" style="padding-top:16px;border-top:1px solid ${COLOR.rule};color:${COLOR.muted};font-size:13px;line-height:1.5;">
<p style="margin:0 0 8px;">${escapeHtml(footerReasonText(model))}</p>
<p style="margin:0;">${link(model.links.contactsUrl, CONTACTS_LINK_TEXT)}</p>
</td></tr>
</table>`;
}

function paragraph(text: string): string {
  return `<p style="margin:0 0 16px;">${escapeHtml(text)}</p>`;
}

function muted(content: string): string {
  return `<p class="tr-muted" style="margin:0;font-size:14px;color:${COLOR.muted};">${content}</p>`;
}

/** A link when the URL is http(s), else the text alone; `label` names the target for screen readers. */
function link(url: string | null, text: string, label?: string): string {
  const href = safeHref(url);
  if (!href) return escapeHtml(text);
  const ariaLabel = label ? ` aria-label="${escapeHtml(label)}"` : '';
  return `<a href="${escapeHtml(href)}" class="tr-link" style="color:${COLOR.link};text-decoration:underline;"${ariaLabel}>${escapeHtml(text)}</a>`;
}
