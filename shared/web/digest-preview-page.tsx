import { type PageNav, renderPageDocument } from './components/page-shell.tsx';

/*
 * This week's digest exactly as it would be sent: the same subject and bodies the mail carries. The
 * HTML part is shown in a sandboxed frame (its own document, so its styles stay its own); the text
 * part is one click away.
 */

export interface DigestPreviewView {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** "Mon 30 Nov, 08:00 CET": when the next digest is due. */
  readonly nextDue: string;
  /** Why no mail would go out, or null when it would. */
  readonly notSent: string | null;
  readonly alreadySentThisWeek: boolean;
  /** Nothing fits: no mail, and nothing to frame (a quiet week without quiet-week notes). */
  readonly empty?: boolean;
  /** What is in it: each section and how many entries ("Calls for speakers closing soon", 2). */
  readonly contents?: readonly { readonly title: string; readonly count: number }[];
}

export function renderDigestPreviewPage(view: DigestPreviewView, nav: PageNav): string {
  return renderPageDocument(
    "This week's digest",
    <>
      <p>
        Your next digest goes out <strong>{view.nextDue}</strong>. This is that digest as it would be emailed,
        from the events known now (<a href="/profile">change the day, hour or interests</a>).
      </p>
      {view.notSent ? (
        // Nothing fitting is not a fault: a plain note, and no digest framed below it.
        <p class={view.empty ? 'hint' : 'problem'}>
          <strong>No digest would be sent:</strong> {view.notSent}
        </p>
      ) : null}
      {view.alreadySentThisWeek ? (
        <p>This week’s digest has been sent already; the next one is built afresh.</p>
      ) : null}
      {view.empty ? null : <DigestShown view={view} />}
    </>,
    { nav },
  );
}

function DigestShown(props: { readonly view: DigestPreviewView }) {
  const { view } = props;
  const contents = view.contents ?? [];
  return (
    <>
      {contents.length > 0 ? (
        <>
          <h2>What is in it</h2>
          <ul>
            {contents.map((entry) => (
              <li>
                {entry.title}: {entry.count}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <dl>
        <dt>To</dt>
        <dd>{view.to}</dd>
        <dt>Subject</dt>
        <dd id="digest-subject">{view.subject}</dd>
      </dl>
      <iframe
        src="/digest/email.html"
        title="The digest email"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        style="width:100%;height:70vh;border:1px solid var(--line);border-radius:.4rem;background:#fff"
      />
      <details>
        <summary>The plain-text version</summary>
        <pre style="white-space:pre-wrap">{view.text}</pre>
      </details>
    </>
  );
}
