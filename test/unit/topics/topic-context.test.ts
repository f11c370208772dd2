import { describe, expect, it } from 'vitest';
import { tagEvent } from '../../../shared/topics/tag-event.ts';

const tags = (title: string, description = '') => tagEvent({ title, description, categories: [] }, []);

describe('topic words need their sense', () => {
  it('reads "leadership" as the topic in a working context', () => {
    expect(tags('Leadership breakfast', 'For software engineers who lead teams.')).toContain('leadership');
    expect(tags('CTO roundtable: leadership in scale-ups')).toContain('leadership');
  });

  it('does not read the leadership of a running club, a parish or a charity board as the topic', () => {
    expect(
      tags('Runners club: leadership elections and 10K', 'Our running club chooses its leadership.'),
    ).not.toContain('leadership');
    expect(tags('Youth leadership evening at the parish')).not.toContain('leadership');
    expect(
      tags('Board leadership for nonprofit trustees', 'Governance for software charities.'),
    ).not.toContain('leadership');
  });

  it('does not read startups at a property happy hour as the topic, nor a bare word without context', () => {
    const property = tags(
      'Property investors happy hour: startups welcome',
      'Meet real estate investors, mortgage brokers and landlords.',
    );
    expect(property).not.toContain('startups');
    expect(property).not.toContain('networking');
    expect(tags('Leadership')).toEqual([]);
  });

  it('keeps unambiguous words whatever else the text says', () => {
    expect(tags('Startup pitch night at the real estate office')).toContain('startups');
    expect(tags('Kubernetes meetup after the marathon')).toContain('kubernetes');
  });

  it('reads "hiring" as career development only next to words of a job search', () => {
    expect(tags('Engineering leadership: hiring and team health')).not.toContain('career');
    expect(tags('Hiring day', 'Bring your resume: recruiters interview developers.')).toContain('career');
  });

  it('takes a feed category at its word, ambiguous or not', () => {
    expect(
      tagEvent({ title: 'Monthly breakfast', description: '', categories: ['Leadership'] }, []),
    ).toContain('leadership');
  });
});
