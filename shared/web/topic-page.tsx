import type { DayGroup } from '../browse/day-groups.ts';
import type { Topic } from '../topics/topic-vocabulary.ts';
import { TOPICS } from '../topics/topic-vocabulary.ts';
import { type PageNav, PostForm, renderPageDocument } from './components/page-shell.tsx';
import { trustedHtml } from './components/render.ts';
import { listingStyles, topicPath, VisitorNav } from './events-components.tsx';
import { renderListingPage } from './events-page.tsx';
import type { ViewerZone } from './events-time-zone.ts';

/*
 * A topic's page (`/topics/{topic}`): its upcoming events, its public calendar feed to subscribe to,
 * and "Follow this topic" for a signed-in reader (the topic joins their interests). `/topics` lists
 * every topic.
 */

export const topicDoneMessages = {
  followed: 'Followed: this topic is one of your interests now.',
  unfollowed: 'No longer one of your interests.',
} as const;
export type TopicDone = keyof typeof topicDoneMessages;
export const isTopicDone = (value: string | undefined): value is TopicDone =>
  value !== undefined && Object.hasOwn(topicDoneMessages, value);

export interface TopicPageView {
  readonly topic: Topic;
  readonly groups: readonly DayGroup[];
  readonly viewer: ViewerZone;
  readonly given: Readonly<Record<string, string>>;
  readonly window: { readonly from: Date; readonly to: Date };
  readonly nextHref: string | null;
  /** The public feed: https and webcal. */
  readonly feedUrl: string;
  readonly nav: PageNav | null;
  readonly following: boolean;
  readonly status?: string | null;
}

export function renderTopicPage(view: TopicPageView): string {
  const { topic } = view;
  const webcal = view.feedUrl.replace(/^https?:/, 'webcal:');
  return renderListingPage({
    title: topic.label,
    intro: (
      <>
        <p>Upcoming events about {topic.label}, from every feed Trellis reads.</p>
        {view.nav ? (
          <PostForm
            action={`${topicPath(topic.id)}/${view.following ? 'unfollow' : 'follow'}`}
            csrf={view.nav.csrf}
          >
            {view.following ? (
              <p>
                You follow this topic.{' '}
                <button type="submit" class="secondary">
                  Unfollow
                </button>
              </p>
            ) : (
              <button type="submit">Follow this topic</button>
            )}
          </PostForm>
        ) : (
          <p>
            <a href="/sign-in">Sign in to follow this topic</a> and get its events in your weekly digest.
          </p>
        )}
        <h2>Subscribe</h2>
        <p>
          Every event of this topic in your calendar app: <a href={webcal}>Subscribe (webcal)</a>, or copy the
          feed URL.
        </p>
        <label for="topic-feed">Feed URL to copy</label>
        <input id="topic-feed" type="text" readOnly value={view.feedUrl} />
      </>
    ),
    groups: view.groups,
    viewer: view.viewer,
    action: topicPath(topic.id),
    given: view.given,
    window: view.window,
    nextHref: view.nextHref,
    filters: false,
    nav: view.nav,
    status: view.status ?? null,
    empty: <p>No upcoming events about {topic.label} yet.</p>,
  });
}

/** `/topics`: every topic of the vocabulary, each linking to its page. */
export function renderTopicsPage(nav: PageNav | null, followed: readonly string[]): string {
  return renderPageDocument(
    'Topics',
    <>
      <style>{trustedHtml(listingStyles)}</style>
      {nav ? null : <VisitorNav />}
      <p>Each topic has its upcoming events and a calendar feed anyone can subscribe to.</p>
      <ul class="chips">
        {TOPICS.map((topic) => (
          <li key={topic.id}>
            <a href={topicPath(topic.id)}>{topic.label}</a>
            {followed.includes(topic.id) ? <small> (followed)</small> : null}
          </li>
        ))}
      </ul>
    </>,
    nav ? { nav } : {},
  );
}
