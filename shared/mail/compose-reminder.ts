import type { ReminderModel } from '../reminders/reminder-model.ts';
import { reminderSubject } from '../reminders/reminder-phrases.ts';
import { renderReminderHtml } from '../reminders/render-reminder-html.tsx';
import { renderReminderText } from '../reminders/render-reminder-text.ts';
import { type ComposedMessage, composeMessage, type MailIdentity } from './compose-message.ts';

/**
 * The day's reconnect reminder as a message: text and HTML renderings of one model, with
 * `Auto-Submitted: auto-generated` (RFC 3834: no vacation auto-replies).
 *
 * No List-Unsubscribe: reminders are not a list the reader joined but one per contact they keep,
 * and they stop when that contact is paused or removed (the footer says so and links there).
 */
export async function composeReminderMessage(
  model: ReminderModel,
  identity: MailIdentity,
  now: Date,
): Promise<ComposedMessage> {
  return composeMessage({
    to: { address: model.recipient.email, name: model.recipient.name },
    subject: reminderSubject(model),
    text: renderReminderText(model),
    html: renderReminderHtml(model),
    headers: { 'Auto-Submitted': 'auto-generated' },
    identity,
    now,
  });
}
