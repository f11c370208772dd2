import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { type ApprovalInput, approveSuggestion, rejectSuggestion } from '../sources/approve-suggestion.ts';
import { isSuggestionId, type SourceSuggestionInput } from '../sources/source-suggestion.ts';
import {
  AlreadyASourceError,
  AlreadySuggestedError,
  suggestSource,
  TooManyPendingSuggestionsError,
} from '../sources/suggest-source.ts';
import type { SourceRepository } from '../store/source-repository.ts';
import {
  type SourceSuggestionStore,
  SuggestionAlreadyDecidedError,
  SuggestionNotFoundError,
} from '../store/source-suggestion-store.ts';
import type { UserRepository } from '../store/user-repository.ts';
import {
  formFieldsOf,
  htmlResponse,
  invalidResponse,
  jsonBodyOf,
  jsonResponse,
  problemResponse,
  redirectResponse,
} from './page-responses.ts';
import {
  apiVisitor,
  isResult,
  pageVisitor,
  type SignedInDependencies,
  type SignedInVisitor,
} from './signed-in.ts';
import {
  approveFieldLabels,
  type FieldErrors,
  type FormValues,
  renderAdminsOnly,
  renderSourcesPage,
  type SourcesAdminView,
  suggestFieldLabels,
} from './source-pages.ts';

/*
 * Sources: any signed-in user suggests a feed (page and JSON); the admin role (ADMIN_EMAILS) approves
 * or rejects suggestions and reads every source with its health. Pages answer a non-admin with a 403
 * page, the JSON API with a 403 problem; bad input is a 400 with one message per field and writes nothing.
 */

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface SourceRouteDependencies extends SignedInDependencies {
  /** getMany: the suggesters' addresses, for the admin. */
  readonly users: Pick<UserRepository, 'get' | 'getMany'>;
  readonly sources: Pick<SourceRepository, 'get' | 'list' | 'creationPart' | 'existingIn'>;
  readonly suggestions: SourceSuggestionStore;
}

const ownSuggestionsShown = 20;
const recentDecisionsShown = 10;

const doneMessages = {
  suggested: 'Thank you: your suggestion is waiting for an admin.',
  approved: 'Approved: the feed is now a source and is fetched within minutes.',
  rejected: 'Rejected: the feed will not be read.',
} as const;
const doneSchema = z.object({ done: z.enum(Object.keys(doneMessages) as [keyof typeof doneMessages]) });

/** zod's issues as one message per top-level field (a bad tag at `defaultTags.2` belongs to `defaultTags`). */
function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? 'form');
    errors[name] ??= issue.message;
  }
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

/** What to say about a URL that cannot be suggested again. */
function alreadySuggestedMessage(error: AlreadySuggestedError): string {
  switch (error.suggestion.status) {
    case 'pending':
      return 'This feed was suggested already and is waiting for an admin.';
    case 'approved':
      return 'This feed was suggested and approved already: Trellis reads it.';
    case 'rejected':
      return 'This feed was suggested before and an admin did not accept it.';
  }
}

const alreadyASourceMessage = 'This feed is already a source: Trellis reads it.';

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
        csrf: visitor.csrf,
        status: state.status ?? null,
        problems: state.problems ?? [],
        suggestForm: state.suggestForm ?? { values: { kind: 'industry-event' }, errors: {} },
        own,
        admin,
      }),
    );
  }

  /** An admin's page form: the visitor, or the sign-in redirect, the expired-form page or the admins-only page. */
  async function adminPageVisitor(event: Event, form: URLSearchParams): Promise<SignedInVisitor | Result> {
    const visitor = await pageVisitor(deps, event, form);
    if (isResult(visitor)) return visitor;
    if (!visitor.isAdmin) return htmlResponse(403, renderAdminsOnly(visitor.nav('sources')));
    return visitor;
  }

  /** An admin's JSON call: the visitor, or 401 / 403 (CSRF) / 403 (not an admin). */
  async function adminApiVisitor(event: Event, changesState: boolean): Promise<SignedInVisitor | Result> {
    const visitor = await apiVisitor(deps, event, changesState);
    if (isResult(visitor)) return visitor;
    if (!visitor.isAdmin) return problemResponse(403, 'This needs the admin role');
    return visitor;
  }

  /** A decision's typed failures as pages: 404 unknown, 409 decided already. */
  async function decisionProblemPage(visitor: SignedInVisitor, error: unknown): Promise<Result> {
    if (error instanceof SuggestionNotFoundError)
      return sourcesPage(visitor, 404, { problems: ['There is no such suggestion.'] });
    if (error instanceof SuggestionAlreadyDecidedError)
      return sourcesPage(visitor, 409, {
        problems: [`That suggestion was ${error.suggestion.status} already.`],
      });
    throw error;
  }

  function decisionProblem(error: unknown): Result {
    if (error instanceof SuggestionNotFoundError) return problemResponse(404, 'No such suggestion');
    if (error instanceof SuggestionAlreadyDecidedError)
      return problemResponse(409, `The suggestion was ${error.suggestion.status} already`);
    throw error;
  }

  const suggestionIdOf = (event: Event) => {
    const id = event.pathParameters?.id ?? '';
    return isSuggestionId(id) ? id : null;
  };

  /** A JSON body, `{}` when there is none, or a 400 problem when it is not JSON. */
  const bodyOf = (event: Event): unknown | Result => {
    const body = jsonBodyOf(event);
    if (body === undefined) return problemResponse(400, 'The body is not JSON');
    return body ?? {};
  };
  const isProblem = (value: unknown): value is Result =>
    typeof value === 'object' && value !== null && 'statusCode' in value && 'body' in value;

  return [
    {
      method: 'GET' as const,
      path: '/sources',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event);
        if (isResult(visitor)) return visitor;
        const done = doneSchema.safeParse(event.queryStringParameters ?? {});
        return sourcesPage(visitor, 200, { status: done.success ? doneMessages[done.data.done] : null });
      },
    },
    {
      method: 'POST' as const,
      path: '/sources/suggestions',
      handler: async (event: Event): Promise<Result> => {
        const form = formFieldsOf(event);
        const visitor = await pageVisitor(deps, event, form);
        if (isResult(visitor)) return visitor;
        const values = suggestValuesOf(form);
        const again = (
          statusCode: number,
          errors: FieldErrors,
          problems = problemsOf(errors, suggestFieldLabels),
        ) => sourcesPage(visitor, statusCode, { problems, suggestForm: { values, errors } });
        try {
          await suggestSource(deps, values as SourceSuggestionInput, visitor.profile.id, new Date());
          return redirectResponse('/sources?done=suggested');
        } catch (error) {
          if (error instanceof z.ZodError) return again(400, fieldErrorsOf(error));
          if (error instanceof AlreadyASourceError) return again(409, { url: alreadyASourceMessage });
          if (error instanceof AlreadySuggestedError)
            return again(409, { url: alreadySuggestedMessage(error) });
          if (error instanceof TooManyPendingSuggestionsError)
            return again(429, {}, [`You have many suggestions waiting already: ${error.message}.`]);
          throw error;
        }
      },
    },
    {
      method: 'POST' as const,
      path: '/sources/suggestions/{id}/approve',
      handler: async (event: Event): Promise<Result> => {
        const form = formFieldsOf(event);
        const visitor = await adminPageVisitor(event, form);
        if (isResult(visitor)) return visitor;
        const id = suggestionIdOf(event);
        if (!id) return decisionProblemPage(visitor, new SuggestionNotFoundError('no such suggestion'));
        const values = approveValuesOf(form);
        try {
          await approveSuggestion(deps, id, approvalFromForm(values), visitor.profile.id, new Date());
          return redirectResponse('/sources?done=approved');
        } catch (error) {
          if (error instanceof z.ZodError) {
            const errors = fieldErrorsOf(error);
            return sourcesPage(visitor, 400, {
              problems: problemsOf(errors, approveFieldLabels),
              approveForm: { suggestionId: id, values, errors },
            });
          }
          return decisionProblemPage(visitor, error);
        }
      },
    },
    {
      method: 'POST' as const,
      path: '/sources/suggestions/{id}/reject',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await adminPageVisitor(event, formFieldsOf(event));
        if (isResult(visitor)) return visitor;
        const id = suggestionIdOf(event);
        try {
          if (!id) throw new SuggestionNotFoundError('no such suggestion');
          await rejectSuggestion(deps, id, visitor.profile.id, new Date());
          return redirectResponse('/sources?done=rejected');
        } catch (error) {
          return decisionProblemPage(visitor, error);
        }
      },
    },
    {
      method: 'GET' as const,
      path: '/api/sources',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await adminApiVisitor(event, false);
        if (isResult(visitor)) return visitor;
        return jsonResponse(200, { sources: await deps.sources.list() });
      },
    },
    {
      method: 'GET' as const,
      path: '/api/sources/suggestions',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await adminApiVisitor(event, false);
        if (isResult(visitor)) return visitor;
        return jsonResponse(200, { suggestions: await deps.suggestions.listPending() });
      },
    },
    {
      method: 'POST' as const,
      path: '/api/sources/suggestions',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await apiVisitor(deps, event, true);
        if (isResult(visitor)) return visitor;
        const body = bodyOf(event);
        if (isProblem(body)) return body;
        try {
          const suggestion = await suggestSource(
            deps,
            body as SourceSuggestionInput,
            visitor.profile.id,
            new Date(),
          );
          return jsonResponse(201, { suggestion });
        } catch (error) {
          if (error instanceof z.ZodError) return invalidResponse(error);
          if (error instanceof AlreadyASourceError)
            return problemResponse(409, 'That feed is already a source', [
              { field: 'url', message: alreadyASourceMessage },
            ]);
          if (error instanceof AlreadySuggestedError)
            return problemResponse(409, 'That feed was suggested already', [
              { field: 'url', message: alreadySuggestedMessage(error) },
            ]);
          if (error instanceof TooManyPendingSuggestionsError) return problemResponse(429, error.message);
          throw error;
        }
      },
    },
    {
      method: 'POST' as const,
      path: '/api/sources/suggestions/{id}/approve',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await adminApiVisitor(event, true);
        if (isResult(visitor)) return visitor;
        const body = bodyOf(event);
        if (isProblem(body)) return body;
        const id = suggestionIdOf(event);
        try {
          if (!id) throw new SuggestionNotFoundError('no such suggestion');
          const approval = await approveSuggestion(
            deps,
            id,
            body as ApprovalInput,
            visitor.profile.id,
            new Date(),
          );
          return jsonResponse(200, approval);
        } catch (error) {
          if (error instanceof z.ZodError) return invalidResponse(error);
          return decisionProblem(error);
        }
      },
    },
    {
      method: 'POST' as const,
      path: '/api/sources/suggestions/{id}/reject',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await adminApiVisitor(event, true);
        if (isResult(visitor)) return visitor;
        const id = suggestionIdOf(event);
        try {
          if (!id) throw new SuggestionNotFoundError('no such suggestion');
          return jsonResponse(200, {
            suggestion: await rejectSuggestion(deps, id, visitor.profile.id, new Date()),
          });
        } catch (error) {
          return decisionProblem(error);
        }
      },
    },
  ];
}
