import type { ComponentChildren } from 'preact';
import { type PageNav, PostForm, renderPageDocument } from './components/page-shell.tsx';

/* Signing in, and the signed-in home page. */

export function renderSignInPage(csrf: string, problem: string | null = null, email = ''): string {
  return renderPageDocument(
    'Sign in to Trellis',
    <>
      <p>
        Trellis emails you a link that signs you in; there is no password. New here? The same link makes your
        account.
      </p>
      {problem ? (
        <p class="problem" role="alert">
          {problem}
        </p>
      ) : null}
      <PostForm action="/sign-in" csrf={csrf}>
        <label for="email">Email address</label>
        <input id="email" name="email" type="email" autoComplete="email" required value={email} />
        <button type="submit">Email me a sign-in link</button>
      </PostForm>
    </>,
  );
}

export function renderSignInSent(): string {
  return renderPageDocument(
    'Check your inbox',
    <p>If that address can receive mail, a sign-in link is on its way. It works once, for 15 minutes.</p>,
  );
}

export function renderSignInConfirmation(csrf: string): string {
  return renderPageDocument(
    'Sign in?',
    <>
      <p>Press the button to sign in on this device.</p>
      <PostForm csrf={csrf}>
        <button type="submit">Sign in</button>
      </PostForm>
    </>,
  );
}

export function renderSignInFailed(): string {
  return renderPageDocument(
    'This sign-in link does not work',
    <p>
      It was used already, it is older than 15 minutes, or it was never valid.{' '}
      <a href="/sign-in">Ask for a new one</a>.
    </p>,
  );
}

export interface AccountView {
  readonly email: string;
  readonly firstSignIn: boolean;
  readonly calendarWebcal: string;
  /** How far the person has got: what the home page suggests doing next. */
  readonly topicCount: number;
  readonly contactCount: number;
  readonly receivesDigest: boolean;
}

function Step(props: { readonly done: boolean; readonly children: ComponentChildren }) {
  return (
    <li>
      {props.done ? (
        <>
          <span aria-hidden="true">✓ </span>
          <span class="visually-hidden">Done: </span>
        </>
      ) : null}
      {props.children}
    </li>
  );
}

export function renderAccountPage(view: AccountView, nav: PageNav): string {
  return renderPageDocument(
    'Your Trellis',
    <>
      <p>
        Signed in as <strong>{view.email}</strong>.
      </p>
      <h2>Getting started</h2>
      <ol>
        <Step done={view.topicCount > 0}>
          <a href="/profile">Choose your interests</a>: topics, places and when your weekly digest comes.
        </Step>
        <Step done={view.contactCount > 0}>
          <a href="/contacts">Add a mentor or a peer</a> to stay in touch with.
        </Step>
        <Step done={false}>
          <a href="/digest">Preview this week's digest</a>, exactly as it will be emailed.
        </Step>
        <Step done={false}>
          <a href="/calendar">Subscribe to your calendar</a> in your calendar app.
        </Step>
      </ol>
      {view.receivesDigest ? null : (
        <p>
          Your weekly digest is off (paused or unsubscribed); turn it on in{' '}
          <a href="/profile">your interests</a>.
        </p>
      )}
      <h2>Your calendar</h2>
      <p>
        Your matched and saved events and your reconnect reminders, in any calendar app:{' '}
        <a href={view.calendarWebcal}>Subscribe (webcal)</a>, or <a href="/calendar">copy the feed URL</a>.
      </p>
      <h2>Signed in somewhere else?</h2>
      <p>
        Lost a phone, or signed in on a shared computer? This signs out every browser and device, this one
        too; the next sign-in link works as usual.
      </p>
      <PostForm action="/sign-out/everywhere" csrf={nav.csrf}>
        <button type="submit" class="secondary">
          Sign out everywhere
        </button>
      </PostForm>
    </>,
    { nav, status: view.firstSignIn ? 'Your address is confirmed. Welcome!' : null },
  );
}
