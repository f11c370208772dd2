import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../infra/bundling.ts';
import * as z from '../../../shared/validation/zod.ts';
import { isValidationError, lazySchema, validationError } from '../../../shared/validation/zod.ts';

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? sourceFiles(join(dir, entry.name))
        : Promise.resolve(/\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : []),
    ),
  );
  return nested.flat();
}

describe('schemas through shared/validation/zod.ts', () => {
  it('every module imports zod through it, as a namespace (a named `z` or `core` bundles every locale)', async () => {
    const offenders: string[] = [];
    for (const dir of ['shared', 'functions', 'bin']) {
      for (const file of await sourceFiles(join(repoRoot, dir))) {
        const name = relative(repoRoot, file);
        if (name === join('shared', 'validation', 'zod.ts')) continue;
        const text = await readFile(file, 'utf8');
        for (const line of text.split('\n')) {
          const direct = /from 'zod(\/[^']*)?'/.test(line) && !line.startsWith('import type');
          const namedNamespace = /import \{[^}]*\b(z|core|locales)\b[^}]*\} from '[^']*\bzod\.ts'/.test(line);
          if (direct || namedNamespace) offenders.push(`${name}: ${line.trim()}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('speaks English, as the API answers and the forms reword it', () => {
    const result = z.object({ name: z.string().check(z.minLength(2)) }).safeParse({ name: 'x' });
    expect(result.error?.issues[0]?.message).toBe('Too small: expected string to have >=2 characters');
  });

  it('tells its own errors from any other Error, thrown or built', () => {
    const thrown = (() => {
      try {
        z.string().parse(1);
      } catch (error) {
        return error;
      }
    })();
    expect(isValidationError(thrown)).toBe(true);
    expect(
      isValidationError(validationError([{ code: 'custom', path: ['to'], message: 'm', input: 1 }])),
    ).toBe(true);
    expect(isValidationError(new Error('no'))).toBe(false);
    expect(isValidationError(new TypeError('no'))).toBe(false);
  });
});

describe('lazySchema', () => {
  it('builds the schema on first use, once, and is that schema in every way', () => {
    let builds = 0;
    const inner = lazySchema(() => {
      builds += 1;
      return z.object({ every: z.int().check(z.minimum(1)), unit: z.enum(['days', 'weeks']) });
    });
    expect(builds).toBe(0);
    const outer = z.object({ cadence: z.optional(inner), name: z.string() });
    expect(outer.parse({ cadence: { every: 2, unit: 'weeks' }, name: 'Ada' })).toEqual({
      cadence: { every: 2, unit: 'weeks' },
      name: 'Ada',
    });
    expect(inner.shape.unit.parse('days')).toBe('days');
    expect(inner.safeParse({ every: 0, unit: 'days' }).error?.issues[0]?.path).toEqual(['every']);
    expect(
      isValidationError(outer.safeParse({ cadence: { every: 1, unit: 'years' }, name: 'Ada' }).error),
    ).toBe(true);
    expect(builds).toBe(1);
  });
});
