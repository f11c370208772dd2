import { join } from 'node:path';
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
  // The AWS SDK v3 that the nodejs22.x runtime ships (CDK's own default for Node 18 and later): it is half of a
  // function's bundle (the DynamoDB client alone ~337 KB) and no measurable cold-start cost to load from the
  // runtime (README, "Bundles"). The price is version drift: the runtime's SDK is updated by AWS, not pinned by
  // our lock file, so the code sticks to long-stable SDK APIs.
  external: ['@aws-sdk/*'] as string[],
  // Pages and mails are preact components in .tsx files: the JSX settings of tsconfig.json, stated here too so
  // a bundle does not depend on esbuild finding that tsconfig.
  jsx: 'automatic',
  jsxImportSource: 'preact',
} as const;

/**
 * Powertools Tracer (with aws-xray-sdk-core, ~127 KB and 60-90 ms to import) is a chunk of its own next to
 * `index.mjs`, imported by shared/observability only when tracing is on: a bundle never pays for it otherwise.
 */
export const tracingChunkFileName = 'tracing.mjs';
/** The gazetteer data file every function package carries beside its bundle. */
export const gazetteerFile = fileURLToPath(new URL('../shared/places/cities15000.tsv', import.meta.url));
export const tracingEntry = fileURLToPath(new URL('../shared/observability/tracing.ts', import.meta.url));

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
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    // The same Node that runs the synth builds the tracing chunk with the same options (infra/build-tracing-chunk.ts).
    // The gazetteer (GeoNames cities, shared/places) is read from a file beside index.mjs on first use,
    // so it is in the function's package but never parsed as code.
    afterBundling: (_inputDir, outputDir) => [
      `"${process.execPath}" "${fileURLToPath(new URL('./build-tracing-chunk.ts', import.meta.url))}" "${outputDir}"`,
      `cp "${gazetteerFile}" "${join(outputDir, 'cities15000.tsv')}"`,
    ],
  },
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

/** The tracing chunk of a function whose bundle is (or goes) in `outDir`. */
export function tracingChunkOptionsFor(outDir: string): BuildOptions {
  return esbuildOptionsFor(tracingEntry, join(outDir, tracingChunkFileName));
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
