import { formatEventTime } from '../digest/format-event-time.ts';
import type { Membership } from '../organizations/membership.ts';
import {
  type OrganizationEventRef,
  type OrganizationSuggestion,
  organizationKindLabels,
} from '../organizations/rank-organizations.ts';
import { dateText } from '../time/date-text.ts';
import { FeedLink } from './components/feed-link.tsx';
import { FieldProblem } from './components/form-field.tsx';
import { type PageNav, PostForm, renderPageDocument } from './components/page-shell.tsx';

/*
 * The organizations page: the groups and programmes worth joining behind the reader's matching events
 * (with the why, their next events, "Follow" and "I'm a member" with an optional renewal date), the
 * organizers of those events, and the reader's memberships. Plain forms, no scripts.
 */

/** What the page says after a Post/Redirect/Get (`/organizations?done=…`). */
export const organizationDoneMessages = {
  followed: 'Followed: their events rank higher in your digest.',
  unfollowed: 'No longer followed.',
  member: 'Membership saved.',
  left: 'Membership removed.',
} as const;
export type OrganizationsDone = keyof typeof organizationDoneMessages;

export const isOrganizationsDone = (value: string | undefined): value is OrganizationsDone =>
  value !== undefined && Object.hasOwn(organizationDoneMessages, value);

/** The membership form's problems, by field, with the organization they were about. */
export interface MembershipFormProblem {
  readonly organization: string;
  readonly renewsOn?: string;
  readonly organizationProblem?: string;
  readonly renewsOnProblem?: string;
}

export interface OrganizationsPageView {
  readonly organizations: readonly OrganizationSuggestion[];
  readonly memberships: readonly Membership[];
  readonly windowDays: number;
  readonly timeZone: string;
  readonly today: string;
  readonly csrf: string;
  readonly nav: PageNav;
  readonly status?: string | null;
  readonly problem?: MembershipFormProblem | null;
}

function NextEvent(props: { readonly event: OrganizationEventRef; readonly timeZone: string }) {
  const { event } = props;
  return (
    <li>
      <FeedLink href={event.url}>{event.title.trim() || 'Untitled event'}</FeedLink>
      {' · '}
      {formatEventTime(event, props.timeZone)}
    </li>
  );
}

/** The membership form of one organization: a renewal date (optional) and the submit. */
function MembershipForm(props: {
  readonly id: string;
  readonly organization: string;
  readonly renewsOn: string | null;
  readonly member: boolean;
  readonly csrf: string;
  readonly problem?: MembershipFormProblem | null;
}) {
  const problem = props.problem && props.problem.organization === props.organization ? props.problem : null;
  const inputId = `renews-${props.id}`;
  const hintId = `${inputId}-hint`;
  const problemId = `${inputId}-problem`;
  return (
    <PostForm action="/organizations/membership" csrf={props.csrf} noValidate>
      <input type="hidden" name="organization" value={props.organization} />
      <label for={inputId}>
        Membership renews on (optional)<span class="visually-hidden">: {props.organization}</span>
      </label>
      <p id={hintId} class="hint">
        A reminder comes 30 days before.
      </p>
      <FieldProblem id={problemId} message={problem?.renewsOnProblem} />
      <input
        type="date"
        id={inputId}
        name="renewsOn"
        value={problem?.renewsOn ?? props.renewsOn ?? ''}
        aria-invalid={problem?.renewsOnProblem ? 'true' : undefined}
        aria-describedby={problem?.renewsOnProblem ? `${hintId} ${problemId}` : hintId}
      />
      <button type="submit">
        {props.member ? 'Save renewal date' : 'I’m a member'}
        <span class="visually-hidden"> of {props.organization}</span>
      </button>
    </PostForm>
  );
}

function OrganizationItem(props: {
  readonly organization: OrganizationSuggestion;
  readonly index: number;
  readonly view: OrganizationsPageView;
}) {
  const { organization, view } = props;
  const kind = organizationKindLabels[organization.kind];
  return (
    <li>
      <h3>{organization.name}</h3>
      <p class="hint">
        {kind}
        {organization.member ? ' · You are a member' : null}
        {organization.renewsOn ? ` (renews ${dateText(organization.renewsOn)})` : null}
        {organization.followed ? ' · Followed' : null}
      </p>
      {organization.website ? (
        <p>
          Website: <FeedLink href={organization.website}>{organization.website}</FeedLink>
        </p>
      ) : null}
      <ul>
        {organization.why.map((reason) => (
          <li>{reason}</li>
        ))}
      </ul>
      {organization.nextEvents.length > 0 ? (
        <>
          <p>Their next events:</p>
          <ul>
            {organization.nextEvents.map((event) => (
              <NextEvent key={event.id} event={event} timeZone={view.timeZone} />
            ))}
          </ul>
        </>
      ) : null}
      <div class="row">
        <PostForm
          action={organization.followed ? '/organizations/unfollow' : '/organizations/follow'}
          csrf={view.csrf}
        >
          <input type="hidden" name="organization" value={organization.name} />
          <button type="submit" class="secondary">
            {organization.followed ? 'Unfollow' : 'Follow'}
            <span class="visually-hidden"> {organization.name}</span>
          </button>
        </PostForm>
        {organization.member ? (
          <PostForm action="/organizations/leave" csrf={view.csrf}>
            <input type="hidden" name="organization" value={organization.name} />
            <button type="submit" class="secondary">
              I’m no longer a member<span class="visually-hidden"> of {organization.name}</span>
            </button>
          </PostForm>
        ) : null}
      </div>
      <MembershipForm
        id={`org-${props.index}`}
        organization={organization.name}
        renewsOn={organization.renewsOn}
        member={organization.member}
        csrf={view.csrf}
        problem={view.problem}
      />
    </li>
  );
}

export function renderOrganizationsPage(view: OrganizationsPageView): string {
  const joinable = view.organizations.filter((organization) => organization.joinable);
  const organizers = view.organizations.filter((organization) => !organization.joinable);
  const suggested = new Set(view.organizations.map((organization) => organization.key));
  const newProblem =
    view.problem &&
    !view.organizations.some((one) => one.name === view.problem?.organization) &&
    !view.memberships.some((one) => one.organization === view.problem?.organization)
      ? view.problem
      : null;
  let index = 0;
  const problems = view.problem
    ? [view.problem.organizationProblem, view.problem.renewsOnProblem].filter((p): p is string => Boolean(p))
    : [];
  return renderPageDocument(
    'Organizations',
    <>
      <p>
        Professional organizations, peer groups and mentorship programmes behind the events that match your
        interests in the next {view.windowDays} days. Following one ranks its events higher in your digest;
        marking a membership with its renewal date brings a reminder 30 days before.
      </p>
      <h2>Worth joining</h2>
      {joinable.length === 0 ? (
        <p>
          None yet. Add topics or places to <a href="/profile">your interests</a>, or save events you go to: a
          peer group you meet twice shows up here.
        </p>
      ) : (
        <ul class="contacts">
          {joinable.map((organization) => (
            <OrganizationItem
              key={organization.key}
              organization={organization}
              index={index++}
              view={view}
            />
          ))}
        </ul>
      )}
      {organizers.length > 0 ? (
        <>
          <h2>Organizers of your events</h2>
          <ul class="contacts">
            {organizers.map((organization) => (
              <OrganizationItem
                key={organization.key}
                organization={organization}
                index={index++}
                view={view}
              />
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="memberships">Your memberships</h2>
      {view.memberships.length === 0 ? (
        <p>You have marked no membership yet.</p>
      ) : (
        <ul class="contacts">
          {view.memberships.map((membership) => (
            <li key={membership.organizationKey}>
              <h3>{membership.organization}</h3>
              <p class="hint">
                {membership.renewsOn
                  ? `Renews ${dateText(membership.renewsOn)}: a reminder comes 30 days before.`
                  : 'No renewal date.'}
              </p>
              <PostForm action="/organizations/leave" csrf={view.csrf}>
                <input type="hidden" name="organization" value={membership.organization} />
                <button type="submit" class="secondary">
                  I’m no longer a member<span class="visually-hidden"> of {membership.organization}</span>
                </button>
              </PostForm>
              {suggested.has(membership.organizationKey) ? null : (
                <MembershipForm
                  id={`member-${index++}`}
                  organization={membership.organization}
                  renewsOn={membership.renewsOn}
                  member
                  csrf={view.csrf}
                  problem={view.problem}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <h2 id="add-membership">Another membership</h2>
      <PostForm action="/organizations/membership" csrf={view.csrf} noValidate>
        <label for="organization">Organization</label>
        <FieldProblem id="organization-problem" message={newProblem?.organizationProblem} />
        <input
          type="text"
          id="organization"
          name="organization"
          maxLength={120}
          autoComplete="organization"
          value={newProblem?.organization ?? ''}
          aria-invalid={newProblem?.organizationProblem ? 'true' : undefined}
          aria-describedby={newProblem?.organizationProblem ? 'organization-problem' : undefined}
        />
        <label for="renewsOn">Renews on (optional)</label>
        <p id="renewsOn-hint" class="hint">
          A reminder comes 30 days before.
        </p>
        <FieldProblem id="renewsOn-problem" message={newProblem?.renewsOnProblem} />
        <input
          type="date"
          id="renewsOn"
          name="renewsOn"
          min={view.today}
          value={newProblem?.renewsOn ?? ''}
          aria-invalid={newProblem?.renewsOnProblem ? 'true' : undefined}
          aria-describedby={newProblem?.renewsOnProblem ? 'renewsOn-hint renewsOn-problem' : 'renewsOn-hint'}
        />
        <button type="submit">I’m a member</button>
      </PostForm>
    </>,
    { nav: view.nav, status: view.status ?? null, problems },
  );
}
