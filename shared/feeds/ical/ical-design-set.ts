import ICAL from 'ical.js';
import { unescapeText } from './ical-text.ts';

/**
 * ical.js's iCalendar design set, except for TEXT unescaping (see unescapeText). Passed to
 * ICAL.parse.property for each line; ical.js's own objects stay untouched.
 */
export const DESIGN_SET = {
  ...ICAL.design.icalendar,
  value: {
    ...ICAL.design.icalendar.value,
    text: { ...ICAL.design.icalendar.value.text, fromICAL: (value: string) => unescapeText(value) },
  },
};
