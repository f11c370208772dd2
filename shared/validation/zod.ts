import { config } from 'zod/mini';
import { $ZodError, type $ZodIssue, $ZodRealError } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

/*
 * Every schema in Trellis is written with zod/mini (a sixth of classic zod's size, and its schemas are cheap to
 * build at a cold start) and imported from here: `import * as z from '…/validation/zod.ts'`. zod/mini carries no
 * messages of its own ("Invalid input"); the English ones are what the API answers with and what the forms
 * reword for people, so they are set once, here. Only the English locale: `z.locales`, `z.core` or the namespace
 * passed around as a value would each bundle every language (~350 KB), so names are imported one by one.
 */
config(en());

export * from 'zod/mini';

/** What every failed parse throws and every safeParse returns (its name is "$ZodError"). */
export type ValidationError = $ZodError;
export type ValidationIssue = $ZodIssue;

/** By zod's own mark: `instanceof` zod's thrown class ($ZodRealError) is true for every Error. */
export const isValidationError = (error: unknown): error is ValidationError => error instanceof $ZodError;

/** A rule a schema cannot state (it needs data the schema does not have), failed as a schema would fail it. */
export const validationError = (issues: ValidationIssue[]): ValidationError => new $ZodRealError(issues);
