import { MailCompositionError } from './mail-composition-error.ts';

const LOOPBACK_HOST = /^(?:localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;
/** Characters that would end the `<…>` of a List-Unsubscribe entry or the header line itself. */
const UNSAFE_IN_ANGLE_BRACKETS = /[<>\s\p{Cc}]/u;

/**
 * The List-Unsubscribe pair every bulk message carries: the one-click https URL first, then the
 * mailto, and List-Unsubscribe-Post so a POST to the URL unsubscribes without any login (RFC 8058;
 * Gmail and Yahoo require it of bulk senders). RFC 8058 wants https; plain http is accepted only on
 * loopback, for the local runtime.
 */
export function listUnsubscribeHeaders(url: string, mailto: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${oneClickUrl(url)}>, <${mailtoUrl(mailto)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

function oneClickUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  const allowed =
    url?.protocol === 'https:' || (url?.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname));
  if (!url || !allowed || url.username || url.password) {
    throw new MailCompositionError(`The one-click unsubscribe link must be an https URL, got '${value}'`);
  }
  // The serialized URL percent-encodes spaces, quotes and angle brackets.
  return url.href;
}

function mailtoUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url?.protocol !== 'mailto:' || !url.pathname.includes('@') || UNSAFE_IN_ANGLE_BRACKETS.test(value)) {
    throw new MailCompositionError(`The unsubscribe address must be a mailto: URL, got '${value}'`);
  }
  return value;
}
