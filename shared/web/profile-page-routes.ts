import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { updateProfile } from '../users/update-profile.ts';
import { formFieldsOf, htmlResponse, redirectResponse } from './page-responses.ts';
import { formValuesOf, profileChangesOf, profileFormProblems, profileFormValues } from './profile-form.ts';
import { renderProfilePage } from './profile-page.ts';
import { isResult, pageVisitor, type SignedInDependencies } from './signed-in.ts';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface ProfilePageDependencies extends SignedInDependencies {
  readonly profiles: SaveProfileDependencies;
}

/** `GET /profile` shows the form; `POST /profile` saves all of it or, with a 400, none of it. */
export function profilePageRoutes(deps: ProfilePageDependencies) {
  return [
    {
      method: 'GET' as const,
      path: '/profile',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event);
        if (isResult(visitor)) return visitor;
        const saved = event.queryStringParameters?.done === 'saved';
        return htmlResponse(
          200,
          renderProfilePage(profileFormValues(visitor.profile), {
            email: visitor.profile.email,
            nav: visitor.nav('profile'),
            status: saved ? 'Your interests are saved.' : null,
          }),
        );
      },
    },
    {
      method: 'POST' as const,
      path: '/profile',
      handler: async (event: Event): Promise<Result> => {
        const form = formFieldsOf(event);
        const visitor = await pageVisitor(deps, event, form);
        if (isResult(visitor)) return visitor;
        const values = formValuesOf(form);
        const { changes, resubscribe } = profileChangesOf(values);
        try {
          await updateProfile(deps.profiles, visitor.profile, changes, new Date(), { resubscribe });
        } catch (error) {
          if (!(error instanceof z.ZodError)) throw error;
          return htmlResponse(
            400,
            renderProfilePage(values, {
              email: visitor.profile.email,
              nav: visitor.nav('profile'),
              problems: profileFormProblems(error),
            }),
          );
        }
        return redirectResponse('/profile?done=saved');
      },
    },
  ];
}
