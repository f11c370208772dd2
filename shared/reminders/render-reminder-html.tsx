import type { ComponentChildren } from 'preact';
import {
  EmailFooter,
  EmailLink,
  Heading2,
  Heading3,
  Muted,
  Paragraph,
  RuledRows,
  renderEmail,
} from '../web/components/email.tsx';
import { COLOR } from '../web/email-style.ts';
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
import { RENEWALS_TITLE, renewalLineText, shownRenewals } from './renewal-phrases.ts';

/** The reconnect reminder as an HTML email body. Everything from contacts and feeds is text to the renderer, escaped. */
export function renderReminderHtml(model: ReminderModel): string {
  const zone = zoneText(model);
  return renderEmail({
    title: reminderSubject(model),
    preheader: introText(model),
    heading: headingText(model),
    children: (
      <>
        <Paragraph>{greetingText(model)}</Paragraph>
        <Paragraph>{zone ? `${introText(model)} ${zone}` : introText(model)}</Paragraph>
        {model.contacts.length > 0 ? (
          <RuledRows padding="16px 0 20px">
            {model.contacts.map((contact) => (
              <ContactCell contact={contact} model={model} />
            ))}
          </RuledRows>
        ) : null}
        {shownRenewals(model).length > 0 ? (
          <>
            <Heading2 margin="16px 0 4px">{RENEWALS_TITLE}</Heading2>
            {shownRenewals(model).map((renewal) => (
              <Paragraph>{renewalLineText(renewal, model)}</Paragraph>
            ))}
          </>
        ) : null}
        <EmailFooter marginTop="12px">
          <p style="margin:0 0 8px;">{footerReasonText(model)}</p>
          <p style="margin:0;">
            <EmailLink href={model.links.contactsUrl}>{CONTACTS_LINK_TEXT}</EmailLink>
          </p>
        </EmailFooter>
      </>
    ),
  });
}

/** Lines of one paragraph, each on its own line. */
function Lines(props: { readonly lines: readonly ComponentChildren[] }) {
  return (
    <>
      {props.lines.map((line, index) => (
        <>
          {index > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

function ContactCell(props: { readonly contact: ReminderContactItem; readonly model: ReminderModel }) {
  const { contact, model } = props;
  const cadence = cadenceSentence(contact);
  const notes = notesLines(contact);
  const suggestions = shownSuggestions(contact);
  const labels = actionLabels(contact, model);
  return (
    <>
      <Heading2 margin="0 0 2px">{contactNameText(contact)}</Heading2>
      <Muted margin="0">{relationshipText(contact)}</Muted>
      <p style="margin:8px 0 0;">
        {sinceText(contact, model)}
        {cadence ? ` ${cadence}` : null}
      </p>
      {notes.length > 0 ? (
        <p style="margin:8px 0 0;">
          <strong>{NOTES_TITLE}:</strong>
          <br />
          <Lines lines={notes} />
        </p>
      ) : null}
      {suggestions.length > 0 ? (
        <Heading3 margin="16px 0 0" size={16}>
          {suggestionsTitle(contact, model)}
        </Heading3>
      ) : null}
      {suggestions.map((suggestion) => (
        <SuggestionParagraph suggestion={suggestion} model={model} />
      ))}
      <p style="margin:16px 0 0;font-size:15px;font-weight:600;">
        <EmailLink href={contact.links.talkedUrl} label={labels.talked}>
          {TALKED_TEXT}
        </EmailLink>
        {' · '}
        <EmailLink href={contact.links.snoozeUrl} label={labels.snooze}>
          {SNOOZE_TEXT}
        </EmailLink>
        {' · '}
        <EmailLink href={contact.links.cadenceUrl} label={labels.cadence}>
          {CADENCE_TEXT}
        </EmailLink>
      </p>
    </>
  );
}

/** Title (linked when it has an http(s) URL), local time, then why it fits both. */
function SuggestionParagraph(props: {
  readonly suggestion: ReminderSuggestion;
  readonly model: ReminderModel;
}) {
  const { suggestion, model } = props;
  const reason = suggestionReasonText(suggestion);
  return (
    <p style="margin:8px 0 0;">
      <Lines
        lines={[
          <EmailLink href={suggestion.url}>{suggestionTitleText(suggestion)}</EmailLink>,
          suggestionTimeText(suggestion, model),
          ...(reason
            ? [
                <span class="tr-muted" style={`color:${COLOR.muted};`}>
                  {reason}
                </span>,
              ]
            : []),
        ]}
      />
    </p>
  );
}
