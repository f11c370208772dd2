import { describe, expect, it } from 'vitest';
import { headingText, introText, reminderSubject } from '../../../shared/reminders/reminder-phrases.ts';
import { renderReminderHtml } from '../../../shared/reminders/render-reminder-html.tsx';
import { renderReminderText } from '../../../shared/reminders/render-reminder-text.ts';
import { reminderModel } from './reminder-model-builder.ts';

/*
 * Membership renewals in the daily reminder mail: one line each, in both parts, after the contacts; a
 * mail with renewals alone says so in its subject, heading and preview.
 */

const renewal = { organization: 'CNCF <Berlin>', renewsOn: '2024-12-31' };

describe('renewal lines in the reminder mail', () => {
  it('adds "Your membership of X renews on …" after the contacts, in the text and the HTML part', () => {
    const model = reminderModel({ renewals: [renewal] });
    const text = renderReminderText(model);
    expect(text).toContain(
      'Memberships renewing soon\n-------------------------\nYour membership of CNCF <Berlin> renews on Tue 31 Dec.',
    );
    expect(text.indexOf('Memberships renewing soon')).toBeGreaterThan(text.indexOf('Ana Kovač'));
    expect(text).toContain('Remove the renewal date on the organizations page');
    const html = renderReminderHtml(model);
    expect(html).toContain('Your membership of CNCF &lt;Berlin> renews on Tue 31 Dec.');
    expect(html).not.toContain('<Berlin>');
    // With contacts due, the subject stays about them.
    expect(reminderSubject(model)).toBe('Time to reconnect with Ana Kovač');
  });

  it('words a mail with renewals and no contact due by the renewal', () => {
    const one = reminderModel({ contacts: [], renewals: [renewal] });
    expect(reminderSubject(one)).toBe('Your membership of CNCF <Berlin> renews soon');
    expect(headingText(one)).toBe('Your membership of CNCF <Berlin> renews soon');
    expect(introText(one)).toBe('Your membership of CNCF <Berlin> renews on Tue 31 Dec.');
    const two = reminderModel({
      contacts: [],
      renewals: [renewal, { organization: 'Women in Engineering Network', renewsOn: '2025-01-02' }],
    });
    expect(reminderSubject(two)).toBe('2 memberships renew soon');
    expect(renderReminderText(two)).toContain(
      'Your membership of Women in Engineering Network renews on Thu 2 Jan\n2025.',
    );
  });

  it('leaves a mail without renewals as it was', () => {
    const model = reminderModel();
    expect(renderReminderText(model)).not.toContain('Memberships renewing soon');
    expect(renderReminderText(model)).not.toContain('renewal date');
  });
});
