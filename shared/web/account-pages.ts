import { escapeHtml } from './escape-html.ts';
import { csrfField, type PageNav, renderPage } from './page-layout.ts';

/* Signing in, and the signed-in home page. */

export function renderSignInPage(csrf: string, problem: string | null = null, email = ''): string {
  return renderPage(
    'Sign in to Trellis',
    `<p>Trellis emails you a link that signs you in; there is no password. New here? The same link makes your account.</p>
${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ''}<form method="post" action="/sign-in">${csrfField(csrf)}<label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(email)}"><button type="submit">Email me a sign-in link</button></form>`,
  );
}

export function renderSignInSent(): string {
  return renderPage(
    'Check your inbox',
    '<p>If that address can receive mail, a sign-in link is on its way. It works once, for 15 minutes.</p>',
  );
}

export function renderSignInConfirmation(csrf: string): string {
  return renderPage(
    'Sign in?',
    `<p>Press the button to sign in on this device.</p><form method="post">${csrfField(csrf)}<button type="submit">Sign in</button></form>`,
  );
}

export function renderSignInFailed(): string {
  return renderPage(
    'This sign-in link does not work',
    '<p>It was used already, it is older than 15 minutes, or it was never valid. <a href="/sign-in">Ask for a new one</a>.</p>',
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

const step = (done: boolean, text: string) =>
  `<li>${done ? '<span aria-hidden="true">✓ </span><span class="visually-hidden">Done: </span>' : ''}${text}</li>`;

export function renderAccountPage(view: AccountView, nav: PageNav): string {
  return renderPage(
    'Your Trellis',
    `<p>Signed in as <strong>${escapeHtml(view.email)}</strong>.</p>
<h2>Getting started</h2><ol>
${step(view.topicCount > 0, `<a href="/profile">Choose your interests</a>: topics, places and when your weekly digest comes.`)}
${step(view.contactCount > 0, `<a href="/contacts">Add a mentor or a peer</a> to stay in touch with.`)}
${step(false, `<a href="/digest">Preview this week's digest</a>, exactly as it will be emailed.`)}
${step(false, `<a href="/calendar">Subscribe to your calendar</a> in your calendar app.`)}
</ol>
${view.receivesDigest ? '' : '<p>Your weekly digest is off (paused or unsubscribed); turn it on in <a href="/profile">your interests</a>.</p>'}
<h2>Your calendar</h2><p>Your matched and saved events and your reconnect reminders, in any calendar app: <a href="${escapeHtml(view.calendarWebcal)}">Subscribe (webcal)</a>, or <a href="/calendar">copy the feed URL</a>.</p>
<h2>Signed in somewhere else?</h2><p>Lost a phone, or signed in on a shared computer? This signs out every browser and device, this one too; the next sign-in link works as usual.</p>
<form method="post" action="/sign-out/everywhere">${csrfField(nav.csrf)}<button type="submit" class="secondary">Sign out everywhere</button></form>`,
    { nav, status: view.firstSignIn ? 'Your address is confirmed. Welcome!' : null },
  );
}
