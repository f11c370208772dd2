import { describe, expect, it } from 'vitest';
import { digestSubject } from '../../../shared/digest/digest-subject.ts';
import { renderDigestHtml } from '../../../shared/digest/render-digest-html.tsx';
import { renderDigestText } from '../../../shared/digest/render-digest-text.ts';
import { callItem, digestModel, quietWeekModel } from './digest-model-builder.ts';

describe('the "Calls for speakers closing soon" section', () => {
  const model = digestModel({
    callsClosing: [
      callItem({ daysLeft: 0, closesOn: '2024-12-02', title: 'Closes Today Conf' }),
      callItem(),
      callItem({
        kind: 'registration',
        eventId: 'evt_lead',
        title: 'Leadership Summit',
        closesOn: '2024-12-20',
        daysLeft: 18,
        applyUrl: null,
      }),
    ],
  });

  it("says when each call closes, as a date in the reader's calendar, and links to apply", () => {
    const text = renderDigestText(model);
    expect(text).toContain('Calls for speakers closing soon\n-------------------------------');
    expect(text).toContain('  Call for speakers closes today, Mon 2 Dec');
    expect(text).toContain('  Call for speakers closes Sun 8 Dec (in 6 days)');
    expect(text).toContain('  The event: Mon 31 Mar 2025');
    expect(text).toContain('  Submit a talk:\n  https://cfp.example/kubecon');
    expect(text).toContain('  Registration closes Fri 20 Dec (in 18 days)');
    const html = renderDigestHtml(model);
    expect(html).toContain('Calls for speakers closing soon');
    expect(html).toContain('href="https://cfp.example/kubecon"');
    expect(html).toContain('aria-label="Submit a talk: KubeCon Europe"');
  });

  it('makes a week with only a call closing a digest worth sending, not a quiet week', () => {
    const callsOnly = quietWeekModel({ callsClosing: [callItem()] });
    expect(renderDigestText(callsOnly)).not.toContain('quiet');
    expect(digestSubject(callsOnly)).toBe('This week: the call for speakers for KubeCon Europe closes soon');
    expect(digestSubject(quietWeekModel({ callsClosing: [callItem(), callItem()] }))).toBe(
      'This week: 2 deadlines closing soon',
    );
  });
});
