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

/**
 * A schema built on its first use, not when its module loads: a cold start (the api holds ~150 schemas) then
 * builds only what its first request needs. It is the schema itself in every other way (parse, shape, nesting
 * in other schemas, instanceof), through a proxy that builds it on the first property read.
 */
export function lazySchema<Schema extends object>(build: () => Schema): Schema {
  let built: Schema | undefined;
  const schema = () => {
    built ??= build();
    return built;
  };
  return new Proxy({} as Schema, {
    get: (_target, key) => Reflect.get(schema(), key),
    has: (_target, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
