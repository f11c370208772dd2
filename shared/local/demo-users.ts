import type { NewProfileInput } from '../users/profile-input.ts';

/**
 * The people `trellis dev` creates on first start: different zones, days and interests, so the
 * matching and the send schedule show what they do. Ana's digest is sent on every start (once a week).
 */
export const demoUsers: readonly NewProfileInput[] = [
  {
    email: 'ana@example.org',
    emailConfirmed: true,
    name: 'Ana Kovač',
    timeZone: 'Europe/Berlin',
    digestDay: 'monday',
    digestHour: 8,
    topics: ['kubernetes', 'devops', 'security', 'cloud'],
    keywords: ['platform engineering'],
    places: [{ kind: 'city', city: 'Berlin', country: 'Germany' }],
    followedOrganizations: ['Berlin Tech Community'],
  },
  {
    email: 'ravi@example.org',
    emailConfirmed: true,
    name: 'Ravi Menon',
    timeZone: 'Asia/Kolkata',
    digestDay: 'tuesday',
    digestHour: 9,
    topics: ['ai-ml', 'data', 'career', 'mentorship'],
    places: [],
    onlineOk: true,
  },
  {
    email: 'maya@example.org',
    emailConfirmed: true,
    name: 'Maya Johnson',
    timeZone: 'America/New_York',
    digestDay: 'wednesday',
    digestHour: 7,
    topics: ['leadership', 'product-management', 'mentorship', 'women-in-tech'],
    places: [{ kind: 'point', label: 'Manhattan', latitude: 40.7128, longitude: -74.006, radiusKm: 25 }],
    followedOrganizations: ['Open Mentorship Program', 'Women in Engineering Network'],
  },
];

export const demoDigestRecipient = 'ana@example.org';
