import { describe, expect, it } from 'vitest';
import { reminderSubject } from '../../../shared/reminders/reminder-phrases.ts';
import { renderReminderHtml } from '../../../shared/reminders/render-reminder-html.tsx';
import { htmlElements, textsOf } from '../digest/html-elements.ts';
import {
  contactLinks,
  reminderContact,
  reminderModel,
  reminderSuggestion,
  twoContactModel,
} from './reminder-model-builder.ts';

const LONG_WORD = 'W'.repeat(500);

function hostileModel() {
  return reminderModel({
    recipient: { email: 'ada@example.org', name: '</p><script>alert(1)</script>', timeZone: 'Europe/Berlin' },
    contacts: [
      reminderContact({
        name: '<script>alert(2)</script>',
        organization: "O'Reilly & <b>Sons</b>",
        cadenceText: 'every <i>6</i> weeks',
        notes: `<img src=x onerror=alert(3)>\r\nBcc: x@evil\r\nLong ${LONG_WORD}`,
        suggestions: [
          reminderSuggestion({
            title: '<svg onload=alert(4)>',
            url: 'https://example.org/"><img onerror=alert(5)>',
            reason: '"><iframe src=x>',
          }),
          reminderSuggestion({ title: 'Title\r\nBcc: y@evil', url: 'javascript:alert(6)' }),
        ],
        links: {
          talkedUrl: 'https://trellis.example/a/talked?t="x"',
          snoozeUrl: 'data:text/html,<script>alert(7)</script>',
          cadenceUrl: 'vbscript:msgbox(8)',
        },
      }),
    ],
    links: { contactsUrl: 'javascript:alert(9)' },
  });
}

describe('renderReminderHtml', () => {
  it('shows every contact in model order under its name, with suggestions under their own heading', () => {
    const html = renderReminderHtml(twoContactModel());
    expect(textsOf(html, 'h1')).toEqual(['Time to reconnect with 2 people']);
    expect(textsOf(html, 'h2')).toEqual(['Ana Kovač', 'Ravi Shah']);
    expect(textsOf(html, 'h3')).toEqual(['Ana might like this too:']);
    expect(textsOf(html, 'p')).toEqual([
      'Hi Ada,',
      '2 people are due for a conversation, most overdue first. Times are in your time zone, Europe/Berlin.',
      'Mentor · CNCF Berlin',
      '6 weeks since you last talked on Thu 17 Oct, overdue by 4 days. You planned to talk every 6 weeks.',
      'Notes:Ask how the KubeCon talk went.',
      'Kubernetes Berlin MeetupTue 3 Dec, 19:00–21:00 CETFits you both: kubernetes',
      'We talked · Snooze a week · Change cadence',
      'Peer',
      '8 weeks since you added Ravi (you have not logged a talk yet). You planned to talk every 8 weeks.',
      'We talked · Snooze a week · Change cadence',
      'You get this email because ada@example.org asked Trellis for reminders to stay in touch. Pause or remove a contact to stop reminders about them.',
      'Manage your contacts',
    ]);
  });

  it('links a suggestion’s title and shows its local time and why it fits both', () => {
    const html = renderReminderHtml(twoContactModel());
    expect(html).toContain(
      '<p style="margin:8px 0 0;"><a href="https://example.org/events/k8s" class="tr-link" style="color:#0b57d0;text-decoration:underline;">Kubernetes Berlin Meetup</a><br/>Tue 3 Dec, 19:00–21:00 CET<br/><span class="tr-muted" style="color:#57606a;">Fits you both: kubernetes</span></p>',
    );
    const kolkata = twoContactModel({
      recipient: { email: 'ada@example.org', name: 'Ada', timeZone: 'Asia/Kolkata' },
    });
    expect(renderReminderHtml(kolkata)).toContain('<br/>Tue 3 Dec, 23:30 – Wed 4 Dec, 01:30 GMT+5:30<br/>');
  });

  it('gives each action link a label that names the contact', () => {
    const links = htmlElements(renderReminderHtml(twoContactModel())).filter((e) => e.name === 'a');
    expect(links.map((e) => [e.text, e.attributes['aria-label'] ?? null, e.attributes.href])).toEqual([
      ['Kubernetes Berlin Meetup', null, 'https://example.org/events/k8s'],
      ['We talked', 'We talked with Ana', contactLinks('ana').talkedUrl],
      ['Snooze a week', 'Snooze a week: the reminder about Ana', contactLinks('ana').snoozeUrl],
      ['Change cadence', 'Change cadence: how often to talk with Ana', contactLinks('ana').cadenceUrl],
      ['We talked', 'We talked with Ravi', contactLinks('ravi').talkedUrl],
      ['Snooze a week', 'Snooze a week: the reminder about Ravi', contactLinks('ravi').snoozeUrl],
      ['Change cadence', 'Change cadence: how often to talk with Ravi', contactLinks('ravi').cadenceUrl],
      ['Manage your contacts', null, 'https://trellis.example/contacts'],
    ]);
  });

  it('renders hostile contact and feed text as text and links only http(s) URLs', () => {
    const html = renderReminderHtml(hostileModel());
    const elements = htmlElements(html);
    expect(elements.filter((e) => ['script', 'img', 'svg', 'iframe', 'b', 'i'].includes(e.name))).toEqual([]);
    expect(
      elements.flatMap((e) => Object.keys(e.attributes)).filter((name) => name.startsWith('on')),
    ).toEqual([]);
    expect(elements.filter((e) => e.name === 'a').map((e) => e.attributes.href)).toEqual([
      'https://example.org/%22%3E%3Cimg%20onerror=alert(5)%3E',
      'https://trellis.example/a/talked?t=%22x%22',
    ]);
    expect(textsOf(html, 'h2')).toEqual(['<script>alert(2)</script>']);
    expect(textsOf(html, 'h3')).toEqual(['<script>alert(2)</script> might like these too:']);
    const paragraphs = textsOf(html, 'p');
    expect(paragraphs[0]).toBe('Hi </p><script>alert(1)</script>,');
    expect(paragraphs).toContain("Mentor · O'Reilly & <b>Sons</b>");
    expect(paragraphs).toContain(
      '6 weeks since you last talked on Thu 17 Oct, overdue by 4 days. You planned to talk every <i>6</i> weeks.',
    );
    expect(paragraphs).toContain(`Notes:<img src=x onerror=alert(3)>Bcc: x@evilLong ${LONG_WORD}`);
    expect(paragraphs).toContain(
      '<svg onload=alert(4)>Tue 3 Dec, 19:00–21:00 CETFits you both: "><iframe src=x>',
    );
    expect(paragraphs).toContain('Title Bcc: y@evilTue 3 Dec, 19:00–21:00 CETFits you both: kubernetes');
    expect(paragraphs).toContain('We talked · Snooze a week · Change cadence');
    // Notes keep their lines as <br>; nothing else from the model breaks a line.
    expect(html).toContain('<br/>Bcc: x@evil<br/>');
    expect(html).not.toContain('\r');
  });

  it('lets a 500-letter word wrap inside the 600px column instead of widening it', () => {
    const html = renderReminderHtml(hostileModel());
    const card = htmlElements(html).find((e) => e.attributes.class === 'tr-card');
    expect(card?.attributes.style).toContain('word-break:break-word;overflow-wrap:anywhere;');
    expect(card?.text).toContain(LONG_WORD);
    expect(html).toContain(
      '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;table-layout:fixed;border-collapse:collapse;"><tr><td class="tr-card"',
    );
  });

  it('is an email-safe document: inline styles, dark-mode colours, no images, scripts or remote resources', () => {
    const model = twoContactModel();
    const html = renderReminderHtml(model);
    const elements = htmlElements(html);
    expect(html.startsWith('<!doctype html>\n<html lang="en" dir="ltr">')).toBe(true);
    expect(textsOf(html, 'title')).toEqual([reminderSubject(model)]);
    expect(elements.filter((e) => e.name === 'meta').map((e) => e.attributes)).toEqual([
      { charset: 'utf-8' },
      { name: 'viewport', content: 'width=device-width, initial-scale=1' },
      { name: 'x-apple-disable-message-reformatting' },
      { name: 'color-scheme', content: 'light dark' },
      { name: 'supported-color-schemes', content: 'light dark' },
    ]);
    expect(new Set(elements.map((e) => e.name))).toEqual(
      new Set([
        'html',
        'head',
        'meta',
        'title',
        'style',
        'body',
        'div',
        'table',
        'tr',
        'td',
        'h1',
        'h2',
        'h3',
        'p',
        'a',
        'br',
        'span',
        'strong',
      ]),
    );
    expect(elements.filter((e) => 'src' in e.attributes)).toEqual([]);
    expect(html).not.toMatch(/url\(|@import|<link/i);
    const styled = elements.filter((e) =>
      ['body', 'td', 'h1', 'h2', 'h3', 'p', 'a', 'span'].includes(e.name),
    );
    expect(styled.filter((e) => !e.attributes.style)).toEqual([]);
    expect(textsOf(html, 'style')).toHaveLength(1);
    expect(textsOf(html, 'style')[0]).toContain('@media (prefers-color-scheme: dark)');
    expect(
      elements.filter((e) => e.name === 'table').every((e) => e.attributes.role === 'presentation'),
    ).toBe(true);
    // The inbox preview line, hidden in the body.
    expect(elements.find((e) => e.name === 'div')?.text).toBe(
      '2 people are due for a conversation, most overdue first.',
    );
  });

  it('shows at most three suggestions and no suggestion heading without any', () => {
    const titles = ['One', 'Two', 'Three', 'Four'];
    const many = reminderModel({
      contacts: [reminderContact({ suggestions: titles.map((title) => reminderSuggestion({ title })) })],
    });
    const html = renderReminderHtml(many);
    expect(textsOf(html, 'h3')).toEqual(['Ana might like these too:']);
    expect(textsOf(html, 'a').filter((text) => titles.includes(text))).toEqual(['One', 'Two', 'Three']);
    expect(textsOf(renderReminderHtml(reminderModel()), 'h3')).toEqual([]);
  });
});
