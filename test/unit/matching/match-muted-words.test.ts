import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../shared/events/stored-event.ts';
import { ids, matchBoth, onlineEvent, userProfile } from '../../support/matching-fixtures.ts';

const profile = userProfile({ topics: ['kubernetes'], mutedWords: ['crypto', 'sales pitch', 'café'] });
const event = (id: string, fields: Partial<StoredEvent>) =>
  onlineEvent({ id, tags: ['kubernetes'], ...fields });

describe('muted words', () => {
  it('hide events whose title, description or organization has them as whole words, in any case', () => {
    const events = [
      event('title', { title: 'CRYPTO Night' }),
      event('description', { description: 'We will talk about crypto, briefly.' }),
      event('organization', { organization: 'Crypto Guild' }),
      event('phrase', { description: 'No sales-pitch, promise.' }),
      event('accented', { title: 'Cafe Talk' }),
      event('kept-longer-word', { title: 'Cryptography Basics' }),
      event('kept-words-apart', { description: 'Sales and a pitch deck review.' }),
      event('kept-tag-only', { tags: ['kubernetes', 'crypto'] }),
    ];
    expect(ids(matchBoth(events, profile))).toEqual([
      'kept-longer-word',
      'kept-tag-only',
      'kept-words-apart',
    ]);
  });
});
