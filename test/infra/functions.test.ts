import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleFileName,
  esbuildOptionsFor,
  functionEntry,
  repoRoot,
  tracingChunkFileName,
} from '../../infra/bundling.ts';
import {
  type FunctionWithLogGroup,
  observabilityEnvironment,
} from '../../infra/constructs/function-with-log-group.ts';
import { loadTrellis, logicalIdOf, type SynthesizedTrellis } from './synth-trellis.ts';

type CfnProperties = Record<string, unknown>;

describe('service functions', () => {
  let trellis: SynthesizedTrellis;
  let functions: { name: string; construct: FunctionWithLogGroup; properties: CfnProperties }[];

  beforeAll(() => {
    trellis = loadTrellis();
    const { ingestion, web, digests, mail, calendar, reminders } = trellis.stacks.service;
    const resources = trellis.service.findResources('AWS::Lambda::Function');
    functions = [
      { name: 'ingest-dispatch', construct: ingestion.dispatch },
      { name: 'ingest-feed', construct: ingestion.feed },
      { name: 'api', construct: web.api },
      { name: 'digest-dispatch', construct: digests.dispatch },
      { name: 'digest-send', construct: digests.send },
      { name: 'ses-events', construct: mail.events },
      { name: 'calendar-feed', construct: calendar.feed },
      { name: 'invite-send', construct: calendar.inviteSend },
      { name: 'reminder-dispatch', construct: reminders.dispatch },
      { name: 'reminder-send', construct: reminders.send },
    ].map((fn) => ({ ...fn, properties: resources[logicalIdOf(fn.construct)]?.Properties }));
  });
  afterAll(() => trellis?.dispose());

  const propertiesOf = (name: string): CfnProperties => {
    const fn = functions.find((candidate) => candidate.name === name);
    if (fn === undefined) throw new Error(`no function ${name}`);
    return fn.properties;
  };

  const tableNameFromDataStack = {
    'Fn::GetStackOutput': expect.objectContaining({ StackName: 'trellis-dev-data' }),
  };

  it('deploys exactly the ingestion, api, digest, SES events, calendar and reminder functions', () => {
    trellis.service.resourceCountIs('AWS::Lambda::Function', 10);
  });

  it('deploys one function per file in functions/, each from its own entry', () => {
    const files = readdirSync(join(repoRoot, 'functions'))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => basename(file, '.ts'))
      .sort();
    expect(functions.map((fn) => fn.name).sort()).toEqual(files);
  });

  it('runs every function on nodejs22.x, arm64, with active tracing and the `handler` export', () => {
    for (const fn of functions) {
      expect(fn.properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('gives each function a log group of its own, kept one month and deleted with a dev stack', () => {
    const logGroups = trellis.service.findResources('AWS::Logs::LogGroup');
    const used = functions.map(
      (fn) => (fn.properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref,
    );
    expect(new Set(used).size).toBe(10);
    for (const logicalId of used) {
      expect(logGroups[logicalId]).toMatchObject({
        Properties: { RetentionInDays: 30 },
        DeletionPolicy: 'Delete',
      });
    }
  });

  it('sizes each function for its work: memory in MB, timeout in seconds', () => {
    expect(functions.map((fn) => [fn.name, fn.properties.MemorySize, fn.properties.Timeout])).toEqual([
      ['ingest-dispatch', 256, 30],
      ['ingest-feed', 1024, 120],
      ['api', 512, 10],
      ['digest-dispatch', 512, 300],
      ['digest-send', 512, 300],
      ['ses-events', 256, 30],
      ['calendar-feed', 512, 15],
      ['invite-send', 256, 120],
      ['reminder-dispatch', 256, 300],
      ['reminder-send', 512, 120],
    ]);
  });

  it('tells ingest-dispatch the table and the ingest queue URL', () => {
    expect(propertiesOf('ingest-dispatch').Environment).toEqual({
      Variables: {
        NODE_OPTIONS: '--enable-source-maps',
        ...observabilityEnvironment('ingest-dispatch'),
        TABLE_NAME: tableNameFromDataStack,
        INGEST_QUEUE_URL: { Ref: logicalIdOf(trellis.stacks.service.ingestion.work.queue) },
      },
    });
  });

  it('tells ingest-feed the table and the invite queue URL, and nothing about the queue it is fed from', () => {
    expect(propertiesOf('ingest-feed').Environment).toEqual({
      Variables: {
        NODE_OPTIONS: '--enable-source-maps',
        ...observabilityEnvironment('ingest-feed'),
        TABLE_NAME: tableNameFromDataStack,
        INVITE_QUEUE_URL: { Ref: logicalIdOf(trellis.stacks.service.calendar.invites.queue) },
      },
    });
  });

  it('points TABLE_NAME at the data stack output holding the table name', () => {
    const variables = (propertiesOf('ingest-dispatch').Environment as { Variables: { TABLE_NAME: unknown } })
      .Variables;
    const { OutputName } = (variables.TABLE_NAME as { 'Fn::GetStackOutput': { OutputName: string } })[
      'Fn::GetStackOutput'
    ];
    const tableLogicalId = logicalIdOf(trellis.stacks.data.table);
    expect(trellis.data.findOutputs(OutputName)[OutputName]).toEqual({ Value: { Ref: tableLogicalId } });
  });

  describe('bundles', () => {
    let outDir: string;
    beforeAll(() => {
      outDir = mkdtempSync(join(tmpdir(), 'trellis-bundle-'));
    });
    afterAll(() => rmSync(outDir, { recursive: true, force: true }));

    const assetDirOf = (properties: CfnProperties): string => {
      const s3Key = (properties.Code as { S3Key: string }).S3Key;
      return join(trellis.assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
    };
    const shippedBundle = (properties: CfnProperties): string =>
      readFileSync(join(assetDirOf(properties), bundleFileName), 'utf8');

    it('builds byte-identical bundles through esbuildOptionsFor and through the synth', async () => {
      for (const fn of functions) {
        const outfile = join(outDir, fn.name, bundleFileName);
        await build(esbuildOptionsFor(functionEntry(fn.name), outfile));
        expect(readFileSync(outfile, 'utf8'), fn.name).toBe(shippedBundle(fn.properties));
      }
    });

    it('ships minified ESM with a require shim and a source map, the AWS SDK from the runtime, the tracing chunk beside', () => {
      for (const fn of functions) {
        const code = shippedBundle(fn.properties);
        // Booleans, not toMatch: a failure message quoting a whole bundle helps no one.
        expect(
          code.startsWith("import { createRequire as __trellisCreateRequire } from 'node:module';"),
        ).toBe(true);
        expect(code.trimEnd().endsWith(`//# sourceMappingURL=${bundleFileName}.map`)).toBe(true);
        expect(/from\s*["']@aws-sdk\/client-dynamodb["']/.test(code), 'imports the runtime SDK').toBe(true);
        expect(code.includes('aws-xray-sdk-core'), 'bundles the X-Ray SDK').toBe(false);
        expect(existsSync(join(assetDirOf(fn.properties), tracingChunkFileName)), 'ships tracing.mjs').toBe(
          true,
        );
        expect(code.includes('// node_modules/'), 'has unminified path comments').toBe(false);
      }
    });
  });
});
