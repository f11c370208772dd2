import type { ComponentChildren } from 'preact';
import { safeHref } from '../safe-href.ts';

/**
 * A link to a URL that came from outside (a feed, a person): a link only when it is http(s), otherwise
 * the text alone, so a `javascript:` or `data:` URL never becomes an href.
 */
export function FeedLink(props: {
  readonly href: string | null | undefined;
  readonly children: ComponentChildren;
  readonly class?: string;
  readonly style?: string;
  readonly 'aria-label'?: string;
}) {
  const href = safeHref(props.href ?? null);
  if (!href) return <>{props.children}</>;
  return (
    <a href={href} class={props.class} style={props.style} aria-label={props['aria-label']}>
      {props.children}
    </a>
  );
}
