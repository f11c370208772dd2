import type { SeriesRow } from '../events/collapse-series.ts';
import type { Source } from '../sources/source.ts';
import { escapeHtml, safeHref } from './escape-html.ts';

/** The public landing page: what Trellis reads and the events coming up, and the way in. */
export function renderOverviewPage(input: {
  sources: readonly Source[];
  /** Upcoming events, a series collapsed into its next occurrence (collapseSeries). */
  rows: readonly SeriesRow[];
  now: Date;
}): string {
  // Only what the feeds publish; fetch health and errors are for admins (`/sources`).
  const sourceRows = input.sources
    .map(
      (source) =>
        `<tr><td>${escapeHtml(source.organization ?? new URL(source.url).host)}<br><small>${escapeHtml(source.kind)}</small></td></tr>`,
    )
    .join('\n');
  const eventRows = input.rows
    .map(({ event, laterOccurrences }) => {
      const href = safeHref(event.url);
      const title = href
        ? `<a href="${escapeHtml(href)}">${escapeHtml(event.title)}</a>`
        : escapeHtml(event.title);
      const where = event.online ? 'online' : (event.location ?? '');
      const status = event.removed
        ? ' <span class="bad">removed</span>'
        : event.status === 'cancelled'
          ? ' <span class="bad">cancelled</span>'
          : '';
      const sources = event.sources.length > 1 ? ` <small>(${event.sources.length} sources)</small>` : '';
      const more =
        laterOccurrences > 0
          ? ` <small>and ${laterOccurrences} more date${laterOccurrences === 1 ? '' : 's'}</small>`
          : '';
      return `<tr><td>${escapeHtml(event.start)}${event.timeZone ? `<br><small>${escapeHtml(event.timeZone)}</small>` : ''}</td><td>${title}${status}${sources}${more}<br><small>${escapeHtml(where)} · ${escapeHtml(event.tags.join(', '))}</small></td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trellis</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.5rem;vertical-align:top}small{color:#555}.bad{color:#a40000}.good{color:#1d6b1d}@media (prefers-color-scheme:dark){body{background:#111;color:#eee}small{color:#aaa}td{border-color:#333}.bad{color:#ff8a8a}.good{color:#8fd18f}}</style>
</head><body>
<h1>Trellis</h1>
<p>Trellis finds the industry events, professional organizations and mentorship programs that fit you, sends one digest a week and reminds you to stay in touch with your mentors and peers. <a href="/sign-in">Sign in or sign up</a> (no password: we email you a link).</p>
<p>Upcoming events read from ${input.sources.length} sources, as of ${escapeHtml(input.now.toISOString())}. JSON: <a href="/api/events">/api/events</a>. Know a feed worth reading? <a href="/sources">Suggest it</a>.</p>
<h2>Sources</h2>
<table>${sourceRows || '<tr><td>No sources yet: <code>npx trellis sources add URL --kind industry-event</code></td></tr>'}</table>
<h2>Upcoming events</h2>
<table>${eventRows || '<tr><td>No upcoming events.</td></tr>'}</table>
</body></html>`;
}
