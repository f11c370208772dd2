import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type ApprovalAnnouncementDependencies, announceApproval } from '../sources/announce-approval.ts';
import { type ApprovalInput, approveSuggestion, rejectSuggestion } from '../sources/approve-suggestion.ts';
import { isSuggestionId, type SourceSuggestionInput } from '../sources/source-suggestion.ts';
import { suggestSource } from '../sources/suggest-source.ts';
import type { SourceRepository } from '../store/source-repository.ts';
import { type SourceSuggestionStore, SuggestionNotFoundError } from '../store/source-suggestion-store.ts';
import type { UserRepository } from '../store/user-repository.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import type { KnownProblem, Problem } from './http-errors.ts';
import {
  formOf,
  jsonOf,
  type Result,
  type RouteRequest,
  respond,
  route,
  type SignedInRequest,
} from './middleware/route.ts';
import { htmlResponse, jsonResponse, redirectResponse } from './page-responses.ts';
import type { SignedInDependencies, SignedInVisitor } from './signed-in.ts';
import {
  approveFieldLabels,
  type FieldErrors,
  type FormValues,
  renderAdminsOnly,
  renderSourcesPage,
  type SourcesAdminView,
  suggestFieldLabels,
} from './source-pages.tsx';

/*
 * Sources: any signed-in user suggests a feed (page and JSON); the admin role (ADMIN_EMAILS) approves
 * or rejects suggestions and reads every source with its health. Pages answer a non-admin with a 403
 * page, the JSON API with a 403 problem; bad input is a 400 with one message per field and writes nothing.
 */

export interface SourceRouteDependencies extends SignedInDependencies {
  /** getMany: the suggesters' addresses, for the admin. */
  readonly users: Pick<UserRepository, 'get' | 'getMany'>;
  readonly sources: Pick<SourceRepository, 'get' | 'list' | 'creationPart' | 'existingIn'>;
  readonly suggestions: SourceSuggestionStore;
  /** After an approval: the fetch queued at once, the suggester told (see announceApproval). */
  readonly announce?: ApprovalAnnouncementDependencies;
  /** Where links in mails point (the configured public URL, or the request's host). */
  readonly publicBaseUrlOf?: (event: APIGatewayProxyEventV2) => string;
}

const ownSuggestionsShown = 20;
const recentDecisionsShown = 10;

const doneMessages = {
  suggested: 'Thank you: your suggestion is waiting for an admin.',
  approved: 'Approved: the feed is now a source and is fetched within minutes.',
  rejected: 'Rejected: the feed will not be read.',
} as const;
const doneSchema = lazySchema(() =>
  z.object({ done: z.enum(Object.keys(doneMessages) as [keyof typeof doneMessages]) }),
);

/** The problem's messages per top-level field (a bad tag at `defaultTags.2` belongs to `defaultTags`). */
function fieldErrorsOf(problem: Problem): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const error of problem.errors ?? []) errors[error.field.split('.')[0] ?? 'form'] ??= error.message;
  return errors;
}

const problemsOf = (errors: FieldErrors, labels: Readonly<Record<string, string>>) =>
  Object.entries(errors).map(([name, message]) => `${labels[name] ?? name}: ${message}`);

const suggestValuesOf = (form: URLSearchParams): FormValues => ({
  url: form.get('url') ?? '',
  kind: form.get('kind') ?? '',
  organization: form.get('organization') ?? '',
  note: form.get('note') ?? '',
});

const approveValuesOf = (form: URLSearchParams): FormValues => ({
  kind: form.get('kind') ?? '',
  organization: form.get('organization') ?? '',
  refreshMinutes: form.get('refreshMinutes') ?? '',
  defaultTags: form.get('defaultTags') ?? '',
});

/** The approve form as the approval's input: blank minutes keep the default, tags split on commas and spaces. */
function approvalFromForm(values: FormValues): ApprovalInput {
  const minutes = (values.refreshMinutes ?? '').trim();
  const tags = (values.defaultTags ?? '').split(/[\s,]+/).filter((tag) => tag !== '');
  return {
    ...(values.kind ? { kind: values.kind as ApprovalInput['kind'] } : {}),
    organization: values.organization ?? null,
    ...(minutes === '' ? {} : { refreshMinutes: Number(minutes) }),
    defaultTags: tags,
  };
}

/** The suggestion of the path, or "no such suggestion" (404) for an id that cannot be one. */
function suggestionIdOf(request: RouteRequest) {
  const id = request.param('id');
  if (!isSuggestionId(id)) throw new SuggestionNotFoundError('no such suggestion');
  return id;
}

/** The same action at the JSON API's address. */
const api = (path: string) => [{ method: 'POST' as const, path: `/api${path}` }];

export function sourceRoutes(deps: SourceRouteDependencies) {
  interface PageState {
    readonly status?: string | null;
    readonly problems?: readonly string[];
    readonly suggestForm?: { values: FormValues; errors: FieldErrors };
    readonly approveForm?: SourcesAdminView['approveForm'];
  }

  async function adminView(approveForm: SourcesAdminView['approveForm']): Promise<SourcesAdminView> {
    const [pending, recentlyDecided, sources] = await Promise.all([
      deps.suggestions.listPending(),
      deps.suggestions.listRecentlyDecided(recentDecisionsShown),
      deps.sources.list(),
    ]);
    const suggesters = await deps.users.getMany([...new Set(pending.map((one) => one.suggestedBy))]);
    const emailOf = new Map(suggesters.map((user) => [user.id, user.email]));
    return {
      pending: pending.map((suggestion) => ({
        suggestion,
        suggestedByEmail: emailOf.get(suggestion.suggestedBy) ?? null,
      })),
      approveForm,
      recentlyDecided,
      sources,
    };
  }

  async function sourcesPage(
    visitor: SignedInVisitor,
    statusCode: number,
    state: PageState = {},
  ): Promise<Result> {
    const [own, admin] = await Promise.all([
      deps.suggestions.listBySuggester(visitor.profile.id, ownSuggestionsShown),
      visitor.isAdmin ? adminView(state.approveForm ?? null) : null,
    ]);
    return htmlResponse(
      statusCode,
      renderSourcesPage({
        nav: visitor.nav('sources'),
        timeZone: visitor.profile.timeZone,
        csrf: visitor.csrf,
        status: state.status ?? null,
        problems: state.problems ?? [],
        suggestForm: state.suggestForm ?? { values: { kind: 'industry-event' }, errors: {} },
        own,
        admin,
      }),
    );
  }

  /** An admin's decision that failed, on the page: the admins-only page, or the list with the problem. */
  const decisionProblemPage = (request: SignedInRequest, { problem, page }: KnownProblem) => {
    if (problem.status === 403 && !request.visitor.isAdmin)
      return htmlResponse(403, renderAdminsOnly(request.visitor.nav('sources')));
    if (problem.status === 404 || problem.status === 409)
      return sourcesPage(request.visitor, problem.status, { problems: [page?.text ?? `${problem.title}.`] });
    return null;
  };

  return [
    ...route({
      method: 'GET',
      path: '/sources',
      access: 'visitor',
      handler: async (request) => {
        const done = doneSchema.safeParse(request.event.queryStringParameters ?? {});
        return sourcesPage(request.visitor, 200, {
          status: done.success ? doneMessages[done.data.done] : null,
        });
      },
    }),
    ...route(
      {
        method: 'POST',
        path: '/sources/suggestions',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          const input = request.body.kind === 'form' ? suggestValuesOf(request.body.form) : jsonOf(request);
          const suggestion = await suggestSource(
            deps,
            input as SourceSuggestionInput,
            request.visitor.profile.id,
            new Date(),
          );
          return respond(request, {
            html: () => redirectResponse('/sources?done=suggested'),
            json: () => jsonResponse(201, { suggestion }),
          });
        },
        problemPage: (request, { problem, page }) => {
          if (problem.status === 403) return null;
          const errors = fieldErrorsOf(problem);
          const problems = problem.errors
            ? problemsOf(errors, suggestFieldLabels)
            : [page?.text ?? `${problem.title}.`];
          return sourcesPage(request.visitor, problem.status, {
            problems,
            suggestForm: { values: suggestValuesOf(formOf(request)), errors },
          });
        },
      },
      api('/sources/suggestions'),
    ),
    ...route(
      {
        method: 'POST',
        path: '/sources/suggestions/{id}/approve',
        access: 'admin',
        body: 'form-or-json',
        handler: async (request) => {
          const id = suggestionIdOf(request);
          const input =
            request.body.kind === 'form'
              ? approvalFromForm(approveValuesOf(request.body.form))
              : jsonOf(request);
          const approval = await approveSuggestion(
            deps,
            id,
            input as ApprovalInput,
            request.visitor.profile.id,
            new Date(),
          );
          if (deps.announce) {
            const base = deps.publicBaseUrlOf?.(request.event) ?? '';
            await announceApproval(deps.announce, approval, base, new Date());
          }
          return respond(request, {
            html: () => redirectResponse('/sources?done=approved'),
            json: () => jsonResponse(200, approval),
          });
        },
        problemPage: (request, known) => {
          const { problem } = known;
          if (problem.status !== 400 || !problem.errors) return decisionProblemPage(request, known);
          const errors = fieldErrorsOf(problem);
          return sourcesPage(request.visitor, 400, {
            problems: problemsOf(errors, approveFieldLabels),
            approveForm: {
              suggestionId: request.param('id'),
              values: approveValuesOf(formOf(request)),
              errors,
            },
          });
        },
      },
      api('/sources/suggestions/{id}/approve'),
    ),
    ...route(
      {
        method: 'POST',
        path: '/sources/suggestions/{id}/reject',
        access: 'admin',
        body: 'form-or-json',
        handler: async (request) => {
          const suggestion = await rejectSuggestion(
            deps,
            suggestionIdOf(request),
            request.visitor.profile.id,
            new Date(),
          );
          return respond(request, {
            html: () => redirectResponse('/sources?done=rejected'),
            json: () => jsonResponse(200, { suggestion }),
          });
        },
        problemPage: decisionProblemPage,
      },
      api('/sources/suggestions/{id}/reject'),
    ),
    ...route({
      method: 'GET',
      path: '/api/sources',
      access: 'admin',
      handler: async () => jsonResponse(200, { sources: await deps.sources.list() }),
    }),
    ...route({
      method: 'GET',
      path: '/api/sources/suggestions',
      access: 'admin',
      handler: async () => jsonResponse(200, { suggestions: await deps.suggestions.listPending() }),
    }),
  ];
}
