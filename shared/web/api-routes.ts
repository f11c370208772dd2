import { type AccountRouteDependencies, accountRoutes } from './account-routes.ts';
import { type CalendarPageDependencies, calendarPageRoutes } from './calendar-page-routes.ts';
import { type ContactPageDependencies, contactPageRoutes } from './contact-page-routes.ts';
import { type DigestPreviewDependencies, digestPreviewRoutes } from './digest-preview-routes.ts';
import { type BrowseRouteDependencies, browseRoutes } from './events-browse-routes.ts';
import { faviconRoutes } from './favicon-route.ts';
import { type LinkRouteDependencies, linkRoutes } from './link-routes.ts';
import type { Route } from './middleware/route.ts';
import { type MyDataDependencies, myDataRoutes } from './my-data-routes.ts';
import { type OrganizationPageDependencies, organizationPageRoutes } from './organization-routes.ts';
import { type OverviewDependencies, overviewRoutes } from './overview-routes.ts';
import { type PeopleRouteDependencies, peopleRoutes } from './people-routes.ts';
import { type ProfilePageDependencies, profilePageRoutes } from './profile-page-routes.ts';
import { type SourceRouteDependencies, sourceRoutes } from './source-routes.ts';

export interface ApiRouteDependencies {
  readonly overview: OverviewDependencies;
  readonly links: LinkRouteDependencies;
  readonly account: AccountRouteDependencies;
  readonly myData: MyDataDependencies;
  readonly contacts: ContactPageDependencies;
  readonly profile: ProfilePageDependencies;
  readonly calendar: CalendarPageDependencies;
  readonly digest: DigestPreviewDependencies;
  readonly sources: SourceRouteDependencies;
  readonly people: PeopleRouteDependencies;
  readonly organizations: OrganizationPageDependencies;
  readonly browse: BrowseRouteDependencies;
}

/** Every route of the api function: the pages, the JSON API and the one-click links. */
export function apiRoutes(deps: ApiRouteDependencies): Route[] {
  return [
    ...faviconRoutes(),
    ...overviewRoutes(deps.overview),
    ...linkRoutes(deps.links),
    ...accountRoutes(deps.account),
    ...myDataRoutes(deps.myData),
    ...contactPageRoutes(deps.contacts),
    ...profilePageRoutes(deps.profile),
    ...calendarPageRoutes(deps.calendar),
    ...digestPreviewRoutes(deps.digest),
    ...sourceRoutes(deps.sources),
    ...peopleRoutes(deps.people),
    ...organizationPageRoutes(deps.organizations),
    ...browseRoutes(deps.browse),
  ];
}
