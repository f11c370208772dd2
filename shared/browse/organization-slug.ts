import { organizationKeyOf } from '../matching/place-keys.ts';

/*
 * An organization's page address: its key (organizationKeyOf, the key follows and memberships use:
 * case, accents and punctuation folded) with hyphens for spaces, so "CNCF Berlin", "cncf-berlin" and
 * "CNCF  berlin!" are one page, `/organizations/cncf-berlin`, and the slug reads back as the same key.
 */

export const organizationSlugOf = (name: string): string => organizationKeyOf(name).replaceAll(' ', '-');

/** The organization key a slug stands for ('' when it has no letters or digits). */
export const organizationKeyOfSlug = (slug: string): string => organizationKeyOf(slug);
