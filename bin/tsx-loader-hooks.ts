import { createRequire, type LoadHookSync, registerHooks } from 'node:module';

/*
 * Node's type stripping runs `.ts` but not `.tsx`: this load hook compiles the pages' `.tsx` modules
 * with esbuild (a devDependency) as they are imported. bin/trellis.ts registers it only when a command
 * is about to run, so `--help` never loads it. Lambda bundles are compiled by esbuild ahead of time and
 * never need it.
 *
 * In-thread hooks (`registerHooks`), not `module.register`: registering costs next to nothing (no hooks
 * thread to start, measured ~100 ms less per run), so a command's usage error stays as fast as before, and
 * esbuild itself is loaded only when the first `.tsx` module is.
 */

const require = createRequire(import.meta.url);
let esbuild: typeof import('esbuild') | undefined;

export const load: LoadHookSync = (url, context, nextLoad) => {
  if (!url.startsWith('file:') || !url.endsWith('.tsx')) return nextLoad(url, context);
  esbuild ??= require('esbuild') as typeof import('esbuild');
  const { source } = nextLoad(url, { ...context, format: 'module' });
  const { code } = esbuild.transformSync(String(source), {
    loader: 'tsx',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    format: 'esm',
    target: 'node22',
    sourcefile: url,
    sourcemap: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
};

/** Makes `import './page.tsx'` work under plain node from here on. */
export function registerTsxHooks(): void {
  registerHooks({ load });
}
