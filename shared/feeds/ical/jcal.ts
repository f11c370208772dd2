/**
 * The jCal arrays (RFC 7265) that ICAL.parse returns. The parser walks them directly: wrapping
 * every component and property in ICAL.Component / ICAL.Property costs more than the parse itself.
 */
export type JCalParameters = Record<string, unknown>;

/** [name, parameters, value type, ...values]; names are lower case. */
export type JCalProperty = [name: string, parameters: JCalParameters, type: string, ...values: unknown[]];

/** [name, properties, sub-components]; names are lower case. */
export type JCalComponent = [name: string, properties: JCalProperty[], components: JCalComponent[]];

/** A parameter's value as text (the first one when the parameter was given several). */
export function parameterText(property: JCalProperty, name: string): string | undefined {
  const value = property[1][name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** The property's first value as text, or null when it has none or it is not text. */
export function firstText(property: JCalProperty): string | null {
  const value = property[3];
  return typeof value === 'string' ? value : null;
}

export function isJCalComponent(value: unknown): value is JCalComponent {
  return (
    Array.isArray(value) && typeof value[0] === 'string' && Array.isArray(value[1]) && Array.isArray(value[2])
  );
}
