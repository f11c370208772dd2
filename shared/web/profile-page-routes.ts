import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { updateProfile } from '../users/update-profile.ts';
import { formOf, route } from './middleware/route.ts';
import { htmlResponse, redirectResponse } from './page-responses.ts';
import { formValuesOf, profileChangesOf, profileFormProblems, profileFormValues } from './profile-form.ts';
import { renderProfilePage } from './profile-page.tsx';
import type { SignedInDependencies } from './signed-in.ts';

export interface ProfilePageDependencies extends SignedInDependencies {
  readonly profiles: SaveProfileDependencies;
}

/** `GET /profile` shows the form; `POST /profile` saves all of it or, with a 400, none of it. */
export function profilePageRoutes(deps: ProfilePageDependencies) {
  return [
    ...route({
      method: 'GET',
      path: '/profile',
      access: 'visitor',
      handler: async (request) =>
        htmlResponse(
          200,
          renderProfilePage(profileFormValues(request.visitor.profile), {
            email: request.visitor.profile.email,
            nav: request.visitor.nav('profile'),
            status: request.query('done') === 'saved' ? 'Your interests are saved.' : null,
          }),
        ),
    }),
    ...route({
      method: 'POST',
      path: '/profile',
      access: 'visitor',
      body: 'form',
      handler: async (request) => {
        const { changes, resubscribe } = profileChangesOf(formValuesOf(formOf(request)));
        await updateProfile(deps.profiles, request.visitor.profile, changes, new Date(), { resubscribe });
        return redirectResponse('/profile?done=saved');
      },
      // The form again as sent, with one message per field.
      problemPage: (request, { problem }, error) =>
        problem.status === 400 && problem.errors
          ? htmlResponse(
              400,
              renderProfilePage(formValuesOf(formOf(request)), {
                email: request.visitor.profile.email,
                nav: request.visitor.nav('profile'),
                problems: profileFormProblems(error as Parameters<typeof profileFormProblems>[0]),
              }),
            )
          : null,
    }),
  ];
}
