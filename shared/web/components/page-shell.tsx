import type { ComponentChildren } from 'preact';
import { ErrorSummary } from './error-summary.tsx';
import { renderDocument, trustedHtml } from './render.ts';

/*
 * The one shell of every page: server-rendered, no scripts, a skip link to the main landmark, labelled
 * fields, visible focus, WCAG AA contrast in light and dark, one column that fits a phone. Every form
 * carries a CSRF token.
 */

export type NavSection =
  | 'account'
  | 'events'
  | 'profile'
  | 'contacts'
  | 'people'
  | 'organizations'
  | 'calendar'
  | 'digest'
  | 'sources';

export interface PageNav {
  readonly current: NavSection | null;
  /** Shows the sources admin entry. */
  readonly isAdmin?: boolean;
  /** The sign-out form needs the session's CSRF token. */
  readonly csrf: string;
}

export interface PageOptions {
  /** The signed-in navigation; absent on pages for visitors (sign-in, link confirmations). */
  readonly nav?: PageNav;
  /** A one-line outcome of the last action ("Saved."), announced politely. */
  readonly status?: string | null;
  /** Problems with the form just sent, announced at once. */
  readonly problems?: readonly string[];
}

const styles = [
  ':root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#57606a;--line:#8c959f;--accent:#1d4ed8;--bad:#b42318;--good:#116329}',
  '@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9da7b3;--line:#6e7681;--accent:#4f8cff;--bad:#ff8b80;--good:#56d364}}',
  'body{font-family:system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:42rem;margin:0 auto;padding:0 1rem 3rem;line-height:1.5}',
  'body.wide{max-width:60rem}',
  '.skip-link{position:absolute;left:-999rem;top:.5rem;padding:.4rem .8rem;background:var(--bg);border:2px solid var(--accent)}.skip-link:focus{left:.5rem}',
  'header nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:.8rem 0;margin:0;border-bottom:1px solid var(--line)}',
  'header nav a{color:var(--accent)}header nav a[aria-current=page]{font-weight:700;color:var(--fg)}',
  'header form{display:inline;margin:0}header button{margin:0;padding:.1rem .6rem;font-size:.9em}',
  'a{color:var(--accent)}label{display:block;font-weight:600;margin:.8rem 0 .2rem}',
  'fieldset{border:1px solid var(--line);border-radius:.4rem;margin:1rem 0;padding:.4rem .8rem .8rem}legend{font-weight:700;padding:0 .3rem}',
  'fieldset label{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.3rem 0}',
  'input[type=text],input[type=email],input[type=url],input[type=number],input[type=date],select,textarea{font:inherit;color:inherit;background:var(--bg);width:100%;box-sizing:border-box;padding:.5rem;border:1px solid var(--muted);border-radius:.3rem}',
  'input[type=checkbox],input[type=radio]{width:1.2rem;height:1.2rem;margin:0}',
  'button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}',
  'button.secondary{background:transparent;color:var(--accent)}',
  'a.button{display:inline-block;padding:.6rem 1.2rem;border-radius:.4rem;background:var(--accent);color:#fff;text-decoration:none;font-weight:600}',
  ':focus-visible{outline:3px solid #f59e0b;outline-offset:2px}',
  '.hint,small{color:var(--muted);font-size:.92em;margin:.1rem 0}.problem{color:var(--bad)}.ok{color:var(--good)}',
  'code{word-break:break-all}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.4rem;border-bottom:1px solid var(--line)}',
  '.row{display:flex;flex-wrap:wrap;gap:.5rem}.row form{margin:0}.row button{margin-top:.4rem}',
  '.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
  '.columns{columns:2 14rem}',
].join('\n');

const sections: readonly { id: NavSection; href: string; label: string; adminOnly?: boolean }[] = [
  { id: 'account', href: '/account', label: 'Home' },
  { id: 'events', href: '/events', label: 'Events' },
  { id: 'profile', href: '/profile', label: 'Interests' },
  { id: 'contacts', href: '/contacts', label: 'Contacts' },
  { id: 'people', href: '/people', label: 'People' },
  { id: 'organizations', href: '/organizations', label: 'Organizations' },
  { id: 'calendar', href: '/calendar', label: 'Calendar' },
  { id: 'digest', href: '/digest', label: 'Digest preview' },
  { id: 'sources', href: '/sources', label: 'Sources' },
];

/** The session's CSRF token, in every form that changes something. */
export function CsrfField(props: { readonly token: string }) {
  return <input type="hidden" name="csrf" value={props.token} />;
}

/** A form that posts, with its CSRF token first. */
export function PostForm(props: {
  readonly action?: string;
  readonly csrf: string;
  readonly noValidate?: boolean;
  readonly children: ComponentChildren;
}) {
  return (
    <form method="post" action={props.action} noValidate={props.noValidate}>
      <CsrfField token={props.csrf} />
      {props.children}
    </form>
  );
}

function Navigation(props: { readonly nav: PageNav }) {
  const { nav } = props;
  return (
    <header>
      <nav aria-label="Trellis">
        <ul>
          {sections
            .filter((section) => !section.adminOnly || nav.isAdmin)
            .map((section) => (
              <li key={section.id}>
                <a href={section.href} aria-current={section.id === nav.current ? 'page' : undefined}>
                  {section.label}
                </a>
              </li>
            ))}
          <li>
            <PostForm action="/sign-out" csrf={nav.csrf}>
              <button type="submit" class="secondary">
                Sign out
              </button>
            </PostForm>
          </li>
        </ul>
      </nav>
    </header>
  );
}

/** What only a few pages change: the public landing page. */
export interface ShellOptions extends PageOptions {
  /** A wider column, for pages that are mostly tables. */
  readonly wide?: boolean;
  /** Search engines may index the page (only the public landing page); every other page is noindex. */
  readonly indexable?: boolean;
  /** The `<title>` when it is not "<title> · Trellis". */
  readonly documentTitle?: string;
}

export interface PageShellProps extends ShellOptions {
  /** Both `<title>` and the one `<h1>`. */
  readonly title: string;
  readonly children?: ComponentChildren;
}

export function PageShell(props: PageShellProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {props.indexable ? null : <meta name="robots" content="noindex" />}
        <title>{props.documentTitle ?? `${props.title} · Trellis`}</title>
        <style>{trustedHtml(styles)}</style>
      </head>
      <body class={props.wide ? 'wide' : undefined}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        {props.nav ? <Navigation nav={props.nav} /> : null}
        <main id="main" tabIndex={-1}>
          <h1>{props.title}</h1>
          {props.status ? (
            <p role="status" class="ok">
              {props.status}
            </p>
          ) : null}
          <ErrorSummary problems={props.problems ?? []} />
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A whole page as HTML. */
export function renderPageDocument(
  title: string,
  body: ComponentChildren,
  options: ShellOptions = {},
): string {
  return renderDocument(
    <PageShell title={title} {...options}>
      {body}
    </PageShell>,
  );
}
