import { escapeHtml } from './escape-html.ts';

/*
 * Email HTML, not web HTML: one 600px column of tables (Outlook's Word engine ignores max-width and
 * most CSS, hence an mso-only fixed-width table), every style inline (Gmail drops <style> in some
 * clients), no images, no scripts. The one <style> block only adds dark colours where supported.
 * Shared by every email Trellis sends (digest, reminders).
 */

export const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
/** Light colours; text and links are at least 4.5:1 on the card (WCAG AA). */
export const COLOR = {
  page: '#f3f4f6',
  card: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  link: '#0b57d0',
  rule: '#d0d7de',
  alert: '#b42318',
} as const;

export const DARK_MODE_STYLE = `<style>
:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme: dark){
.tr-page{background:#0d1117 !important}
.tr-card{background:#161b22 !important;color:#e6edf3 !important}
.tr-text{color:#e6edf3 !important}
.tr-muted{color:#9ea7b3 !important}
.tr-link{color:#79b8ff !important}
.tr-alert{color:#ff9b8f !important}
.tr-rule{border-color:#30363d !important}
}
</style>`;

export const LAYOUT_TABLE = 'role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"';

/**
 * The whole email document around a message's content: head with the dark-mode style, a hidden
 * preheader (the inbox preview line), the one-column card and its heading. `content` is HTML.
 */
export function emailDocument(parts: {
  readonly title: string;
  readonly preheader: string;
  readonly heading: string;
  readonly content: string;
}): string {
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(parts.title)}</title>
${DARK_MODE_STYLE}
</head>
<body class="tr-page" style="margin:0;padding:0;background:${COLOR.page};">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;">${escapeHtml(parts.preheader)}</div>
<table ${LAYOUT_TABLE} class="tr-page" style="background:${COLOR.page};">
<tr><td align="center" style="padding:16px 8px;">
<!--[if mso]><table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table ${LAYOUT_TABLE} style="max-width:600px;width:100%;table-layout:fixed;border-collapse:collapse;">
<tr><td class="tr-card" style="padding:24px 20px;background:${COLOR.card};color:${COLOR.text};font-family:${FONT};font-size:16px;line-height:1.5;word-break:break-word;overflow-wrap:anywhere;">
<h1 class="tr-text" style="margin:0 0 12px;font-size:22px;line-height:1.3;font-weight:700;color:${COLOR.text};">${escapeHtml(parts.heading)}</h1>
${parts.content}
</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>
`;
}
