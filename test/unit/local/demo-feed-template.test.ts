import { describe, expect, it } from 'vitest';
import { renderDemoFeed } from '../../../shared/local/demo-feed-template.ts';

describe('demo feed templates', () => {
  it('fills dates relative to today and zone offsets for that day', () => {
    const today = new Date('2026-03-27T22:30:00Z');
    expect(renderDemoFeed('DTSTART:{{date+3}}T090000 {{date-1}} {{iso+0}}', today)).toBe(
      'DTSTART:20260330T090000 20260326 2026-03-27',
    );
    // Berlin switches to summer time on 2026-03-29.
    expect(renderDemoFeed('{{offset+1 Europe/Berlin}} {{offset+2 Europe/Berlin}}', today)).toBe(
      '+01:00 +02:00',
    );
  });
});
