import { formatEventStart } from '../digest/format-event-time.ts';
import type { PersonSuggestion } from '../people/people-worth-meeting.ts';
import { isTopicId, topicById } from '../topics/topic-vocabulary.ts';
import { type PageNav, PostForm, renderPageDocument } from './components/page-shell.tsx';
import { safeHref } from './safe-href.ts';

/*
 * People worth meeting: each with why, their events (in the reader's zone, each linked when its feed
 * gave a web link), and "Add as potential mentor", which makes them a contact at the stage "to reach
 * out" with the topics they share with the reader.
 */

export const peopleDoneMessages = {
  added: 'Added as a potential mentor: they are in your contacts now, at "to reach out".',
} as const;
export type PeopleDone = keyof typeof peopleDoneMessages;
export const isPeopleDone = (value: string | undefined): value is PeopleDone =>
  value !== undefined && value in peopleDoneMessages;

export interface PeoplePageInput {
  readonly people: readonly PersonSuggestion[];
  readonly timeZone: string;
  readonly csrf: string;
  readonly nav: PageNav;
  readonly done?: PeopleDone | null;
}

function PersonItem(props: {
  readonly person: PersonSuggestion;
  readonly timeZone: string;
  readonly csrf: string;
}) {
  const { person, timeZone, csrf } = props;
  const topics = person.sharedTopics.filter(isTopicId).map((topic) => topicById(topic).label);
  return (
    <li>
      <h2>{person.name}</h2>
      <p>{person.why}</p>
      {person.nextEvent ? (
        <p class="hint">
          Next chance to meet: {person.nextEvent.title},{' '}
          {formatEventStart(person.nextEvent.start, person.nextEvent.allDay, timeZone)}
        </p>
      ) : null}
      <details>
        <summary>
          Their events<span class="visually-hidden"> ({person.name})</span>
        </summary>
        <ul>
          {person.events.map((event) => {
            const href = safeHref(event.url);
            return (
              <li key={event.id}>
                {href ? <a href={href}>{event.title}</a> : event.title} ·{' '}
                {formatEventStart(event.start, event.allDay, timeZone)}
                {event.saved ? ' · saved' : ''}
              </li>
            );
          })}
        </ul>
      </details>
      <PostForm action="/people/potential-mentors" csrf={csrf}>
        <input type="hidden" name="name" value={person.name} />
        <input type="hidden" name="topics" value={person.sharedTopics.join(',')} />
        <button type="submit">
          Add as potential mentor<span class="visually-hidden">: {person.name}</span>
        </button>
      </PostForm>
      {topics.length > 0 ? <p class="hint">You share: {topics.join(', ')}</p> : null}
    </li>
  );
}

export function renderPeoplePage(input: PeoplePageInput): string {
  return renderPageDocument(
    'People worth meeting',
    <>
      <p>
        People who speak at, chair or organize the events that fit you, found in two or more of them or in an
        event you saved. Meeting them at an event is the easiest first step towards a mentor.
      </p>
      {input.people.length === 0 ? (
        <p>
          Nobody yet: people show up here once the events that fit you name their speakers or organizers.{' '}
          <a href="/profile">Add topics</a> to see more events.
        </p>
      ) : (
        <ul class="people">
          {input.people.map((person) => (
            <PersonItem key={person.key} person={person} timeZone={input.timeZone} csrf={input.csrf} />
          ))}
        </ul>
      )}
    </>,
    { nav: input.nav, status: input.done ? peopleDoneMessages[input.done] : null },
  );
}
