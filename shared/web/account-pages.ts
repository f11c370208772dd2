import { escapeHtml } from './escape-html.ts';

/*
 * Server-rendered pages for signing in and the account, working without JavaScript: labelled fields,
 * visible focus, WCAG AA contrast, one column that fits a phone. Every form carries a CSRF token.
 */

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Trellis</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}label{display:block;font-weight:600;margin:.8rem 0 .2rem}input[type=email]{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #57606a;border-radius:.3rem}button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}code{word-break:break-all}.problem{color:#b42318}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

const csrfField = (token: string) => `<input type="hidden" name="csrf" value="${escapeHtml(token)}">`;

export function renderSignInPage(csrf: string, problem: string | null = null, email = ''): string {
  return page(
    'Sign in to Trellis',
    `<p>Trellis emails you a link that signs you in; there is no password. New here? The same link makes your account.</p>
${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ''}<form method="post" action="/sign-in">${csrfField(csrf)}<label for="email">Email address</label><input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(email)}"><button type="submit">Email me a sign-in link</button></form>`,
  );
}

export function renderSignInSent(): string {
  return page(
    'Check your inbox',
    '<p>If that address can receive mail, a sign-in link is on its way. It works once, for 15 minutes.</p>',
  );
}

export function renderSignInConfirmation(csrf: string): string {
  return page(
    'Sign in?',
    `<p>Press the button to sign in on this device.</p><form method="post">${csrfField(csrf)}<button type="submit">Sign in</button></form>`,
  );
}

export function renderSignInFailed(): string {
  return page(
    'This sign-in link does not work',
    '<p>It was used already, it is older than 15 minutes, or it was never valid. <a href="/sign-in">Ask for a new one</a>.</p>',
  );
}

export interface AccountView {
  readonly email: string;
  readonly firstSignIn: boolean;
  readonly calendarHttps: string;
  readonly calendarWebcal: string;
}

export function renderAccountPage(view: AccountView, csrf: string): string {
  return page(
    'Your Trellis',
    `${view.firstSignIn ? '<p role="status">Your address is confirmed. Welcome!</p>' : ''}<p>Signed in as <strong>${escapeHtml(view.email)}</strong>.</p>
<h2>Your calendar</h2><p>Subscribe to your secret calendar feed in any calendar app (it holds your matched and saved events and your reconnect reminders). Keep it to yourself.</p>
<p><a href="${escapeHtml(view.calendarWebcal)}">Subscribe (webcal)</a></p><p><label for="calendar-url">Feed URL to copy</label><code id="calendar-url">${escapeHtml(view.calendarHttps)}</code></p>
<form method="post" action="/sign-out">${csrfField(csrf)}<button type="submit">Sign out</button></form>`,
  );
}
