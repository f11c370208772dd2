/** Reading a free-text location for signs that the event happens online, and for its join link. */

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'()[\]{}]+[^\s<>"'()[\]{}.,;:!?]/gi;
const ONLINE_HOST =
  /(?:^|[\s/.@])(?:zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com|youtube\.com\/live|youtu\.be|twitch\.tv|hopin\.(?:com|to)|gotomeeting\.com|gotowebinar\.com|meet\.jit\.si|whereby\.com|discord\.(?:gg|com)|crowdcast\.io|streamyard\.com|airmeet\.com|vimeo\.com\/event|riverside\.fm|gather\.town)\b/i;
const ONLINE_WORD =
  /\b(?:online|virtual|hybrid|webinar|web conference|livestream|live stream|live-stream|zoom|google meet|microsoft teams|webex|hopin|jitsi|twitch|youtube live)\b/i;
/** What is left of a location once its links are gone, when it says nothing but "online". */
const ONLINE_ONLY_REMAINDER =
  /^(?:(?:join|via|on|link|online|virtual|webinar|web conference|livestream|live stream|live-stream|remote|zoom|google meet|microsoft teams|teams|webex|hopin|jitsi|twitch|youtube(?: live)?|discord|event|meeting|session|call|only)[\s:,;.()–-]*)*$/i;
/** "Kulturbrauerei, Berlin & online via" → "Kulturbrauerei, Berlin": the online part of a hybrid location. */
const ONLINE_SUFFIX =
  /[\s,;:&+|/()–-]*(?:\b(?:and|or|plus)\s+)?\b(?:online|virtual|hybrid|livestream|live stream|live-stream|zoom|webex|youtube live)(?:\s+(?:via|on|at|event|stream|too|also))*[\s,;:.()–-]*$/i;

export interface OnlineReading {
  /** The text says (or links to) an online event. */
  readonly online: boolean;
  /** The first link in the text (an online-meeting host first), when the text is online. */
  readonly joinUrl: string | null;
  /** The text says nothing besides "online" and links: there is no physical place in it. */
  readonly onlineOnly: boolean;
  /** The text with its links removed, for reading a physical place from. */
  readonly placeText: string;
}

export function readOnlineLocation(text: string): OnlineReading {
  const hasScheme = text.includes('://');
  const urls = hasScheme ? (text.match(URL_IN_TEXT) ?? []) : [];
  const placeText = urls.length === 0 ? text : text.replace(URL_IN_TEXT, ' ').trim();
  const online = ONLINE_HOST.test(text) || ONLINE_WORD.test(text) || (urls.length > 0 && placeText === '');
  if (!online) return { online: false, joinUrl: null, onlineOnly: false, placeText };
  const joinUrl = urls.find((url) => ONLINE_HOST.test(url)) ?? urls[0] ?? null;
  const onlineOnly = ONLINE_ONLY_REMAINDER.test(placeText);
  return { online, joinUrl, onlineOnly, placeText: onlineOnly ? '' : placeText.replace(ONLINE_SUFFIX, '') };
}

/** "https://us02web.zoom.us/j/1" → "us02web.zoom.us" (www. dropped), for a one-line location. */
export function urlHost(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    return host.startsWith('www.') ? host.slice(4) : host;
  } catch {
    return null;
  }
}
