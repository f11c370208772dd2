import { wrapText } from '../digest/wrap-text.ts';
import { safeHref } from '../web/safe-href.ts';
import type { ReminderContactItem, ReminderModel, ReminderSuggestion } from './reminder-model.ts';
import {
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
import { RENEWALS_TITLE, renewalLineText, shownRenewals } from './renewal-phrases.ts';

/** Plain-text lines stay within this, URLs excepted (a URL is never wrapped, so it stays clickable). */
const LINE_WIDTH = 72;
const DETAIL_INDENT = '  ';

/** The reminder as the text/plain part: the same content as the HTML, each URL on a line of its own. */
export function renderReminderText(model: ReminderModel): string {
  const zone = zoneText(model);
  const blocks: string[][] = [
    underlined(headingText(model), '='),
    wrap(greetingText(model)),
    wrap(zone ? `${introText(model)} ${zone}` : introText(model)),
  ];
  for (const contact of model.contacts) blocks.push(...contactBlocks(contact, model));
  const renewals = shownRenewals(model);
  if (renewals.length > 0)
    blocks.push([
      ...underlined(RENEWALS_TITLE, '-'),
      ...renewals.flatMap((renewal) => wrap(renewalLineText(renewal, model))),
    ]);
  blocks.push(['----', ...wrap(footerReasonText(model))]);
  blocks.push(labelledUrl(`${CONTACTS_LINK_TEXT}:`, model.links.contactsUrl));
  return `${blocks
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}

function contactBlocks(contact: ReminderContactItem, model: ReminderModel): string[][] {
  const cadence = cadenceSentence(contact);
  const notes = notesLines(contact);
  const suggestions = shownSuggestions(contact);
  return [
    [
      ...underlined(contactNameText(contact), '-'),
      ...wrap(relationshipText(contact)),
      ...wrap(sinceText(contact, model)),
      ...(cadence ? wrap(cadence) : []),
    ],
    notes.length > 0 ? [`${NOTES_TITLE}:`, ...notes.flatMap(detail)] : [],
    suggestions.length > 0
      ? [
          ...wrap(suggestionsTitle(contact, model)),
          ...suggestions.flatMap((suggestion, index) => [
            ...(index > 0 ? [''] : []),
            ...suggestionLines(suggestion, model),
          ]),
        ]
      : [],
    [
      ...labelledUrl(`${TALKED_TEXT}:`, contact.links.talkedUrl),
      ...labelledUrl(`${SNOOZE_TEXT}:`, contact.links.snoozeUrl),
      ...labelledUrl(`${CADENCE_TEXT}:`, contact.links.cadenceUrl),
    ],
  ];
}

function suggestionLines(suggestion: ReminderSuggestion, model: ReminderModel): string[] {
  const reason = suggestionReasonText(suggestion);
  const href = safeHref(suggestion.url);
  return [
    ...detail(suggestionTitleText(suggestion)),
    ...detail(suggestionTimeText(suggestion, model)),
    ...(reason ? detail(reason) : []),
    ...(href ? [DETAIL_INDENT + href] : []),
  ];
}

function wrap(text: string): string[] {
  return wrapText(text, LINE_WIDTH);
}

function detail(text: string): string[] {
  return wrapText(text, LINE_WIDTH, DETAIL_INDENT);
}

function underlined(title: string, rule: '=' | '-'): string[] {
  const lines = wrap(title);
  const longest = Math.max(...lines.map((line) => Array.from(line).length));
  return [...lines, rule.repeat(longest)];
}

/** Only http(s) URLs are written out, each under its label; a label without a usable URL goes too. */
function labelledUrl(label: string, url: string | null): string[] {
  const href = safeHref(url);
  return href ? [label, href] : [];
}
