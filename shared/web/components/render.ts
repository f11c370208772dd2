import { Fragment, h, type VNode } from 'preact';
import { renderToStaticMarkup } from 'preact-render-to-string';

/*
 * Pages and mails are preact components rendered to a string. The renderer escapes every text child and
 * attribute value, so nothing in page code escapes by hand. Raw markup goes in only through `trustedHtml`,
 * and only markup written in this repository (a style sheet, Outlook's conditional comments, a page body
 * still written as a string by older code) — never anything a feed, a form or a person supplied.
 */

/** A whole document: the doctype, then the rendered element. */
export function renderDocument(root: VNode): string {
  return `<!doctype html>\n${renderToStaticMarkup(root)}`;
}

/** A fragment of markup (a mail's part, a page's piece), without a doctype. */
export function renderFragment(node: VNode): string {
  return renderToStaticMarkup(node);
}

/**
 * Markup from this repository's own code, inserted as is, with no wrapping element. Used for what JSX cannot
 * say (Outlook's `<!--[if mso]>` comments) and for page bodies written as strings by code outside the pages.
 */
export function trustedHtml(markup: string): VNode {
  // The renderer's precompiled-template form: a Fragment whose `tpl` is emitted verbatim.
  return h(Fragment, { tpl: [markup] } as Record<string, unknown>);
}
