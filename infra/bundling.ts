import { fileURLToPath } from 'node:url';
import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda is bundled, decided once. `NodejsFunction` gets these as CDK `BundlingOptions`; the bench
 * bundles each function with esbuild directly from `esbuildOptionsFor`, so what it measures (bundle size, cold
 * start) is what ships. Both are derived from `choices` below and produce the same bundle.
 */

/** Repository root: NodejsFunction's project root (lock file, tsconfig, `#shared/*` imports) and where entries live. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const lockFilePath = fileURLToPath(new URL('../package-lock.json', import.meta.url));

/** One file per Lambda: `functions/<name>.ts`, exporting `handler`. */
export function functionEntry(name: string): string {
  return fileURLToPath(new URL(`../functions/${name}.ts`, import.meta.url));
}

/** NodejsFunction names its ESM output `index.mjs`; use the same name when bundling for the bench. */
export const bundleFileName = 'index.mjs';

/**
 * esbuild output is ESM, so CommonJS dependencies that call `require` (for Node built-ins) need one in scope.
 * The alias keeps the banner's import from clashing with any `createRequire` in bundled code.
 */
const requireBanner =
  "import { createRequire as __trellisCreateRequire } from 'node:module'; const require = __trellisCreateRequire(import.meta.url);";

const choices = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: true,
  // Stack traces map back to file:line without shipping every dependency's source inside the map.
  sourcesContent: false,
  // Prefer a package's ESM build: it tree-shakes, the CommonJS one does not.
  mainFields: ['module', 'main'],
  banner: requireBanner,
  // Nothing is external, `@aws-sdk/*` included: a minified, tree-shaken bundle of only the clients we use loads
  // faster at cold start than resolving the runtime's full copy of the SDK from disk, and pins the SDK version
  // we tested instead of whatever the runtime ships.
  external: [] as string[],
  // Pages and mails are preact components in .tsx files: the JSX settings of tsconfig.json, stated here too so
  // a bundle does not depend on esbuild finding that tsconfig.
  jsx: 'automatic',
  jsxImportSource: 'preact',
} as const;

/** `NodejsFunction` bundling options (local esbuild, no Docker). */
export const lambdaBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: choices.target,
  minify: choices.minify,
  sourceMap: choices.sourcemap,
  sourcesContent: choices.sourcesContent,
  mainFields: [...choices.mainFields],
  banner: choices.banner,
  externalModules: [...choices.external],
  esbuildArgs: { '--jsx': choices.jsx, '--jsx-import-source': choices.jsxImportSource },
  logLevel: LogLevel.WARNING,
};

/** The same bundle through esbuild's API: `await build(esbuildOptionsFor(functionEntry('ingest-feed'), out))`. */
export function esbuildOptionsFor(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: choices.format,
    platform: choices.platform,
    target: choices.target,
    minify: choices.minify,
    sourcemap: choices.sourcemap,
    sourcesContent: choices.sourcesContent,
    mainFields: [...choices.mainFields],
    banner: { js: choices.banner },
    external: [...choices.external],
    jsx: choices.jsx,
    jsxImportSource: choices.jsxImportSource,
    absWorkingDir: repoRoot,
    logLevel: 'warning',
  };
}

/**
 * Runtime side of the source-map choice: Node maps stack traces only with this flag. Every function gets it; a
 * cold-start measurement should run the bundle with it too.
 */
export const sourceMapEnvironment = { NODE_OPTIONS: '--enable-source-maps' } as const;

/**
 * Batch workers with a large working set (digest-send: a window of 20,000 events and its index, about
 * 100 MB live) keep a small young generation and collect before the old generation passes 224 MB,
 * instead of letting garbage pile up: peak RSS ~220 MB instead of 250-295 MB for a batch of 500
 * readers, at no measurable cost in time (see the bench). Twice the live set is headroom; a much
 * larger window would need this raised along with the function's memory.
 */
export const batchWorkerEnvironment = {
  NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=4 --max-old-space-size=224',
} as const;
