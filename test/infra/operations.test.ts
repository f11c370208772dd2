import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrellis, logicalIdOf, type SynthesizedTrellis } from './synth-trellis.ts';

type Resource = { Properties: Record<string, unknown> };

describe('knowing when it stops', () => {
  let trellis: SynthesizedTrellis;
  let alarms: Record<string, Resource>;
  let topic: string;

  beforeAll(() => {
    trellis = loadTrellis();
    alarms = trellis.service.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>;
    topic = logicalIdOf(trellis.stacks.service.alarms.topic);
  });

  const alarmsOn = (metricName: string, namespace: string) =>
    Object.values(alarms).filter(
      (alarm) => alarm.Properties.MetricName === metricName && alarm.Properties.Namespace === namespace,
    );

  it('alarms on the oldest message age of every work queue', () => {
    const ages = alarmsOn('ApproximateAgeOfOldestMessage', 'AWS/SQS');
    expect(ages).toHaveLength(4);
    for (const alarm of ages) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      expect(Number(alarm.Properties.Threshold)).toBeLessThanOrEqual(1800);
    }
  });

  it('alarms on throttles and on durations near the timeout, for every function', () => {
    const functions = Object.keys(trellis.service.findResources('AWS::Lambda::Function')).filter(
      (id) => !id.startsWith('CustomResource') && !id.includes('LogRetention') && !id.includes('AWS'),
    );
    expect(alarmsOn('Throttles', 'AWS/Lambda').length).toBeGreaterThanOrEqual(10);
    const durations = alarmsOn('Duration', 'AWS/Lambda');
    expect(durations.length).toBeGreaterThanOrEqual(10);
    expect(functions.length).toBeGreaterThanOrEqual(10);
    // digest-dispatch: 300 s timeout, alarm at 80 %.
    expect(durations.map((alarm) => alarm.Properties.Threshold)).toContain(240_000);
  });

  it('alarms when a dispatcher stops running: no invocations is breaching', () => {
    const heartbeats = Object.values(alarms).filter(
      (alarm) =>
        alarm.Properties.MetricName === 'Invocations' &&
        alarm.Properties.ComparisonOperator === 'LessThanThreshold',
    );
    expect(heartbeats).toHaveLength(3);
    for (const heartbeat of heartbeats) expect(heartbeat.Properties.TreatMissingData).toBe('breaching');
  });

  it('alarms on the API’s 5xx, DynamoDB errors and throttles, and SES sending against the daily quota', () => {
    expect(alarmsOn('5xx', 'AWS/ApiGateway')).toHaveLength(1);
    expect(alarmsOn('Send', 'AWS/SES')[0]?.Properties.Threshold).toBe(40_000);
    const tableAlarms = Object.values(alarms).filter((alarm) =>
      JSON.stringify(alarm.Properties.Metrics ?? []).includes('SystemErrors'),
    );
    expect(tableAlarms.length).toBeGreaterThanOrEqual(1);
  });

  it('has one dashboard', () => {
    trellis.service.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    trellis.service.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Trellis' });
  });

  it('warns at synth when nobody is subscribed to the alarms', () => {
    const warnings = trellis.assembly
      .getStackArtifact(trellis.stacks.service.artifactId)
      .messages.filter((message) => message.level === 'warning')
      .map((message) => String(message.entry.data));
    expect(warnings.some((text) => text.includes('alarm topic has no subscriber'))).toBe(true);
    expect(Match).toBeDefined();
  });
});
