import type { ComponentChildren } from 'preact';
import { everyZoneName } from '../time/iana-zone-name.ts';
import { type PageNav, PostForm, renderPageDocument } from './components/page-shell.tsx';
import { trustedHtml } from './components/render.ts';
import { zoneLabel } from './events-time-zone.ts';
import { zoneGuessScript } from './zone-guess-script.ts';

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

/** A new account's time zone: the likely ones first (the script selects the browser's own), then every zone. */
export interface ZoneChoice {
  /** The likely zones of the browser's languages, most likely first (may be empty). */
  readonly likely: readonly string[];
  /** The zone to show selected: as sent back with a problem, else the first likely one, else UTC. */
  readonly selected: string;
  readonly problem?: string | null;
}

function ZoneField(props: { readonly choice: ZoneChoice }) {
  const { likely, selected, problem } = props.choice;
  const first = [selected, ...likely.filter((zone) => zone !== selected)];
  const others = everyZoneName().filter((zone) => !first.includes(zone));
  const guessed = likely.length > 0;
  return (
    <>
      <label for="timeZone">Your time zone</label>
      <p class="hint" id="timeZone-hint">
        {guessed
          ? 'Guessed from your browser; change it if it is wrong. Your digest and every page show times in it.'
          : 'Choose yours: your digest and every page show times in it.'}
      </p>
      {problem ? (
        <p class="problem" id="timeZone-problem">
          {problem}
        </p>
      ) : null}
      <select
        id="timeZone"
        name="timeZone"
        aria-describedby={problem ? 'timeZone-hint timeZone-problem' : 'timeZone-hint'}
        aria-invalid={problem ? 'true' : undefined}
      >
        <optgroup label={guessed ? 'Likely for you' : 'Chosen'}>
          {first.map((zone) => (
            <option key={zone} value={zone} selected={zone === selected}>
              {zoneLabel(zone)}
            </option>
          ))}
        </optgroup>
        <optgroup label="Every zone">
          {others.map((zone) => (
            <option key={zone} value={zone}>
              {zoneLabel(zone)}
            </option>
          ))}
        </optgroup>
      </select>
      {/* The one script of the pages (its hash is in the CSP): selects the browser's own zone. */}
      {trustedHtml(`<script>${zoneGuessScript}</script>`)}
    </>
  );
}

/**
 * The sign-in link's page: one button. For a new account, also its time zone, guessed (by the
 * browser's script, else from its languages) and shown, never a silent UTC.
 */
export function renderSignInConfirmation(csrf: string, newAccount: ZoneChoice | null = null): string {
  return renderPageDocument(
    'Sign in?',
    <>
      <p>
        {newAccount
          ? 'Welcome! Check your time zone, then press the button to make your account and sign in on this device.'
          : 'Press the button to sign in on this device.'}
      </p>
      <PostForm csrf={csrf}>
        {newAccount ? <ZoneField choice={newAccount} /> : null}
        <button type="submit">Sign in</button>
      </PostForm>
    </>,
    newAccount?.problem ? { problems: [newAccount.problem] } : {},
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
