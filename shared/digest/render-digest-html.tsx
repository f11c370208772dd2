import type { ComponentChildren } from 'preact';
import {
  Alert,
  EmailFooter,
  EmailLink,
  Heading2,
  Heading3,
  Muted,
  Paragraph,
  RuledRows,
  renderEmail,
} from '../web/components/email.tsx';
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
  contactText,
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
import { digestSubject } from './digest-subject.ts';

/** The digest as an HTML email body. Everything from feeds and profiles is text to the renderer, escaped. */
export function renderDigestHtml(model: DigestModel): string {
  return renderEmail({
    title: digestSubject(model),
    preheader: introText(model),
    heading: headingText(model),
    children: (
      <>
        {isQuietWeek(model) ? <QuietWeekBody model={model} /> : <DigestBody model={model} />}
        <Footer model={model} />
      </>
    ),
  });
}

function DigestBody(props: { readonly model: DigestModel }) {
  const { model } = props;
  return (
    <>
      <Paragraph>{greetingText(model)}</Paragraph>
      <Paragraph>{`${introText(model)} ${zoneText(model)}`}</Paragraph>
      {shownSections(model).map((section) => (
        <Block title={titleText(section.title)}>
          {section.items.map((item) => (
            <EventRow item={item} model={model} />
          ))}
        </Block>
      ))}
      {model.callsClosing.length > 0 ? (
        <Block title={CALLS_TITLE}>
          {model.callsClosing.map((call) => (
            <CallRow call={call} model={model} />
          ))}
        </Block>
      ) : null}
      {digestPeople(model).length > 0 ? (
        <Block title={PEOPLE_TITLE}>
          {[
            ...digestPeople(model).map((person) => (
              <>
                <Heading3>
                  <EmailLink href={person.nextEvent?.url ?? null}>{personText(person)}</EmailLink>
                </Heading3>
                <Muted>{personWhyText(person, model)}</Muted>
              </>
            )),
            ...(model.links.peopleUrl
              ? [<EmailLink href={model.links.peopleUrl}>Everyone worth meeting</EmailLink>]
              : []),
          ]}
        </Block>
      ) : null}
      {digestOrganizations(model).length > 0 ? (
        <Block title={ORGANIZATIONS_TITLE}>
          {[
            ...digestOrganizations(model).map((organization) => (
              <>
                <Heading3>
                  <EmailLink href={organization.website}>{organizationText(organization)}</EmailLink>
                </Heading3>
                {organization.why ? <Muted>{organization.why}</Muted> : null}
              </>
            )),
            ...(model.links.organizationsUrl
              ? [<EmailLink href={model.links.organizationsUrl}>All suggested organizations</EmailLink>]
              : []),
          ]}
        </Block>
      ) : null}
      {model.changes.length > 0 ? (
        <Block title={CHANGES_TITLE}>
          {model.changes.map((change) => (
            <ChangeRow change={change} model={model} />
          ))}
        </Block>
      ) : null}
      {model.contactsDue.length > 0 ? (
        <Block title={CONTACTS_TITLE}>
          {model.contactsDue.map((contact) => (
            <ContactRow contact={contact} model={model} />
          ))}
        </Block>
      ) : null}
    </>
  );
}

function QuietWeekBody(props: { readonly model: DigestModel }) {
  const { model } = props;
  return (
    <>
      <Paragraph>{greetingText(model)}</Paragraph>
      <Paragraph>{introText(model)}</Paragraph>
      <Paragraph>
        <EmailLink href={model.links.preferencesUrl}>Open your digest preferences</EmailLink>
      </Paragraph>
    </>
  );
}

/** The small line of actions under an entry. */
function Actions(props: { readonly children: ComponentChildren }) {
  return <p style="margin:6px 0 0;font-size:13px;">{props.children}</p>;
}

function EventRow(props: { readonly item: DigestEventItem; readonly model: DigestModel }) {
  const { item, model } = props;
  const title = titleText(item.title);
  const status = statusText(item);
  const where = whereText(item);
  const reasons = reasonsText(item);
  const blurb = blurbText(item);
  return (
    <>
      <Heading3>
        <EmailLink href={item.url}>{title}</EmailLink>
      </Heading3>
      <p style="margin:0;">
        {eventTimeText(item, model)}
        {status ? (
          <>
            {' · '}
            <Alert>{status}</Alert>
          </>
        ) : null}
      </p>
      {where ? <p style="margin:0;">{where}</p> : null}
      {blurb ? <p style="margin:4px 0 0;">{blurb}</p> : null}
      {reasons ? <Muted>{reasons}</Muted> : null}
      <Actions>
        {/* Accessible names begin with the visible words (WCAG 2.5.3 Label in Name), then say which event. */}
        <EmailLink href={item.saveUrl} label={`Add to my calendar: ${title}`}>
          Add to my calendar
        </EmailLink>
        {' · '}
        <EmailLink href={item.notInterestedUrl} label={`Not interested in ${title}`}>
          Not interested
        </EmailLink>
      </Actions>
    </>
  );
}

function CallRow(props: { readonly call: DigestCallItem; readonly model: DigestModel }) {
  const { call, model } = props;
  const title = titleText(call.title);
  const action = call.kind === 'call-for-speakers' ? 'Submit a talk' : 'Register';
  return (
    <>
      <Heading3>{title}</Heading3>
      <p style="margin:0;">{callText(call, model)}</p>
      <Muted>{callEventText(call, model)}</Muted>
      {call.applyUrl ? (
        <Actions>
          <EmailLink href={call.applyUrl} label={`${action}: ${title}`}>
            {action}
          </EmailLink>
        </Actions>
      ) : null}
    </>
  );
}

function ChangeRow(props: { readonly change: DigestChange; readonly model: DigestModel }) {
  const { change, model } = props;
  return (
    <>
      <Heading3>
        <EmailLink href={change.url}>{titleText(change.title)}</EmailLink>
      </Heading3>
      <p style="margin:0;">{changeText(change, model)}</p>
    </>
  );
}

function ContactRow(props: { readonly contact: DigestContactDue; readonly model: DigestModel }) {
  const { contact, model } = props;
  return (
    <>
      <Heading3>{contactNameText(contact)}</Heading3>
      <Muted>{lastContactText(contact, model)}</Muted>
      <Actions>
        <EmailLink href={contact.doneUrl} label={`Mark as reconnected: ${contactText(contact)}`}>
          Mark as reconnected
        </EmailLink>
      </Actions>
    </>
  );
}

function Footer(props: { readonly model: DigestModel }) {
  const { model } = props;
  return (
    <EmailFooter marginTop="28px">
      <p style="margin:0 0 8px;">{footerReasonText(model)}</p>
      <p style="margin:0;">
        <EmailLink href={model.links.preferencesUrl}>Change your digest preferences</EmailLink>
        {' · '}
        <EmailLink href={model.links.unsubscribeUrl}>Unsubscribe from this digest</EmailLink>
      </p>
    </EmailFooter>
  );
}

/** A titled list: an h2, then one table row per entry, each under a thin rule. */
function Block(props: { readonly title: string; readonly children: readonly ComponentChildren[] }) {
  return (
    <>
      <Heading2 margin="28px 0 8px">{props.title}</Heading2>
      <RuledRows>{props.children}</RuledRows>
    </>
  );
}
