import type { CalendarUrls } from '../calendar/calendar-subscription.ts';
import { escapeHtml } from './escape-html.ts';
import { csrfField, type PageNav, renderPage } from './page-layout.ts';

/* The secret calendar feed: the URL to copy (a read-only field selects in one tap), and rotation. */

export function renderCalendarPage(urls: CalendarUrls, nav: PageNav, status: string | null): string {
  return renderPage(
    'Your calendar',
    `<p>One feed holds the events that fit you, the events you saved and your reconnect reminders. Calendar apps refresh it on their own (usually every few hours).</p>
<p><a href="${escapeHtml(urls.webcal)}">Subscribe (webcal)</a>: opens your calendar app's subscribe dialog.</p>
<label for="calendar-url">Feed URL to copy</label>
<input id="calendar-url" type="text" readonly value="${escapeHtml(urls.https)}" aria-describedby="calendar-url-hint" spellcheck="false">
<p class="hint" id="calendar-url-hint">Google Calendar: Other calendars → From URL. Apple Calendar: File → New Calendar Subscription. Outlook: Add calendar → Subscribe from web. The URL is the key to your calendar: keep it to yourself.</p>
<h2>Make a new URL</h2>
<p>If the URL got out, make a new one. The old URL stops working at once, so every app subscribed to it needs the new one.</p>
<form method="post" action="/calendar/rotate">${csrfField(nav.csrf)}<button type="submit">Make a new calendar URL</button></form>`,
    { nav, status },
  );
}
