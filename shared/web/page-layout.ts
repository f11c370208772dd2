import { h } from 'preact';
import { type PageOptions, renderPageDocument } from './components/page-shell.tsx';
import { trustedHtml } from './components/render.ts';

/*
 * The page shell lives in components/page-shell.tsx; pages render through it with JSX. This module keeps
 * the shell's types where route code imports them, and `renderPage` for bodies written as strings.
 */

export type { NavSection, PageNav, PageOptions } from './components/page-shell.tsx';

/**
 * A whole HTML page around a body of markup written in code: the title is both `<title>` and the one
 * `<h1>`, and it and every option are escaped. The body goes in as is, so it must never contain data (a
 * name, a title, anything typed or fetched): pages that show data are components (see the pages'
 * `.tsx` modules), which escape by default.
 */
export function renderPage(title: string, body: string, options: PageOptions = {}): string {
  return renderPageDocument(title, trustedHtml(body), options);
}

/** A page of plain paragraphs (an error, a notice): every word is text, escaped by the renderer. */
export function renderMessagePage(
  title: string,
  paragraphs: readonly string[],
  options: PageOptions = {},
): string {
  return renderPageDocument(
    title,
    paragraphs.map((paragraph) => h('p', null, paragraph)),
    options,
  );
}
