/**
 * `node infra/build-tracing-chunk.ts <dir>`: writes the tracing chunk (infra/bundling.ts) into a function's
 * bundle folder. NodejsFunction runs it after bundling each function.
 */
import { build } from 'esbuild';
import { tracingChunkOptionsFor } from './bundling.ts';

const outDir = process.argv[2];
if (!outDir) {
  process.stderr.write('usage: build-tracing-chunk.ts <bundle folder>\n');
  process.exit(2);
}
await build(tracingChunkOptionsFor(outDir));
