import { describe, expect, it } from 'vitest';
import { slugify } from '../../../shared/topics/slug.ts';
import { tagEvent, topicsIn } from '../../../shared/topics/tag-event.ts';
import { isTopicId, TOPICS } from '../../../shared/topics/topic-vocabulary.ts';

describe('topic vocabulary', () => {
  it('has 25 to 40 topics with unique slug ids', () => {
    const ids = TOPICS.map((topic) => topic.id);
    expect(ids.length).toBeGreaterThanOrEqual(25);
    expect(ids.length).toBeLessThanOrEqual(40);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(slugify(id)).toBe(id);
  });

  it('knows its own ids and nothing else', () => {
    expect(isTopicId('kubernetes')).toBe(true);
    expect(isTopicId('women-in-tech')).toBe(true);
    expect(isTopicId('knitting')).toBe(false);
  });
});

describe('topicsIn', () => {
  it('matches whole words and phrases case-insensitively, with hyphens or spaces', () => {
    expect(topicsIn('K8S and Open-Source for Women in Tech; CI/CD with Node.js')).toEqual([
      'backend',
      'devops',
      'kubernetes',
      'open-source',
      'women-in-tech',
    ]);
  });

  it('does not match inside longer words', () => {
    expect(topicsIn('Said the main designer, retail aid')).toEqual([]);
    expect(topicsIn('Straße Zürich aïe')).toEqual([]);
  });

  it('finds a singular term written as a plural', () => {
    expect(topicsIn('Meet our MENTORS and founders')).toEqual(['mentorship', 'startups']);
  });

  it('matches terms next to punctuation and quotes', () => {
    expect(topicsIn('“AI” — UX…(k8s)')).toEqual(['ai-ml', 'design-ux', 'kubernetes']);
  });
});

describe('tagEvent', () => {
  it('returns sorted, deduplicated topic ids, category slugs and default tags', () => {
    expect(
      tagEvent(
        {
          title: 'AI Night',
          description: 'Talks about machine-learning',
          categories: ['Cloud Native', 'C++', '!!!'],
        },
        ['Berlin Tech', 'ai-ml'],
      ),
    ).toEqual(['ai-ml', 'berlin-tech', 'cloud-native', 'cpp', 'kubernetes']);
  });
});

describe('slugify', () => {
  it('lower-cases, strips accents and joins words with single hyphens', () => {
    expect(slugify('Über Café')).toBe('uber-cafe');
    expect(slugify('  Diversity & Inclusion ')).toBe('diversity-inclusion');
    expect(slugify('C#')).toBe('csharp');
    expect(slugify('--x--')).toBe('x');
    expect(slugify('!!!')).toBe('');
  });
});
