import { DomUtils, parseDocument } from 'htmlparser2';

/** An element of rendered HTML as a browser would see it: entities decoded, comments ignored. */
export interface HtmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
}

export function htmlElements(html: string): HtmlElement[] {
  const document = parseDocument(html);
  return DomUtils.findAll(() => true, document.children).map((element) => ({
    name: element.name,
    attributes: { ...element.attribs },
    text: DomUtils.textContent(element),
  }));
}

export function textsOf(html: string, name: string): string[] {
  return htmlElements(html)
    .filter((element) => element.name === name)
    .map((element) => element.text);
}
