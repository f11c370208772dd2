import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIndexes, tableKeys } from '../../shared/store/table-definition.ts';
import { loadTrellis, type SynthesizedTrellis } from './synth-trellis.ts';

describe('TrellisData stack', () => {
  let trellis: SynthesizedTrellis;
  beforeAll(() => {
    trellis = loadTrellis();
  });
  afterAll(() => trellis?.dispose());

  it('holds the one table and nothing that runs', () => {
    trellis.data.resourceCountIs('AWS::DynamoDB::Table', 1);
    expect(Object.keys(trellis.data.findResources('AWS::Lambda::Function'))).toEqual([]);
  });

  it('keys the table and its indexes as the shared table definition says', () => {
    const [table] = Object.values(trellis.data.findResources('AWS::DynamoDB::Table'));
    expect(table?.Properties.KeySchema).toEqual([
      { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table?.Properties.GlobalSecondaryIndexes).toEqual(
      globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection },
      })),
    );
    expect(table?.Properties.AttributeDefinitions).toEqual(
      ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'].map((name) => ({
        AttributeName: name,
        AttributeType: 'S',
      })),
    );
  });

  it('bills on demand, keeps point-in-time recovery, expires items by `ttl` and encrypts with the AWS managed key', () => {
    trellis.data.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('retains the table when the stack goes and refuses DeleteTable', () => {
    trellis.data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { DeletionProtectionEnabled: true },
    });
  });

  it('protects the data stack from termination and leaves the service stack deletable', () => {
    const { assembly } = trellis;
    expect(assembly.getStackArtifact(trellis.stacks.data.artifactId).terminationProtection).toBe(true);
    expect(assembly.getStackArtifact(trellis.stacks.service.artifactId).terminationProtection).toBe(false);
  });
});
