/*
 * Email HTML, not web HTML: one 600px column of tables (Outlook's Word engine ignores max-width and
 * most CSS, hence an mso-only fixed-width table), every style inline (Gmail drops <style> in some
 * clients), no images, no scripts. The one <style> block only adds dark colours where supported.
 * Shared by every email Trellis sends (digest, reminders, invitations, sign-in, welcome); the
 * components that use these are in components/email.tsx.
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

/** The style sheet of the one <style> block: dark colours for clients that support them. */
export const DARK_MODE_CSS = `
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
`;

/** The attributes of every layout table (role=presentation: screen readers skip the table structure). */
export const LAYOUT_TABLE = {
  role: 'presentation',
  width: '100%',
  cellPadding: '0',
  cellSpacing: '0',
  border: '0',
} as const;
