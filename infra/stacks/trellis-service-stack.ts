import { Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { InfraConfig } from '../config.ts';
import { AlarmTopic } from '../constructs/alarm-topic.ts';
import type { FunctionDefaults } from '../constructs/function-with-log-group.ts';
import { Ingestion } from '../constructs/ingestion.ts';
import { Web } from '../constructs/web.ts';

export interface TrellisServiceStackProps extends StackProps {
  /** From the data stack, by reference. */
  readonly table: ITable;
  readonly config: InfraConfig;
}

/**
 * Stateless resources: functions, queues, schedules, the HTTP API, alarms. Safe to delete and redeploy; each
 * capability is one construct added here with the shared table, alarm topic and function defaults.
 */
export class TrellisServiceStack extends Stack {
  readonly alarms: AlarmTopic;
  readonly ingestion: Ingestion;
  readonly web: Web;

  constructor(scope: Construct, id: string, props: TrellisServiceStackProps) {
    const { table, config, ...stackProps } = props;
    super(scope, id, stackProps);
    const functionDefaults: FunctionDefaults = {
      logRemovalPolicy: config.logRemovalPolicy,
      environment: config.logLevel === null ? {} : { LOG_LEVEL: config.logLevel },
    };
    this.alarms = new AlarmTopic(this, 'Alarms', { email: config.alarmEmail });
    this.ingestion = new Ingestion(this, 'Ingestion', { table, alarms: this.alarms, functionDefaults });
    this.web = new Web(this, 'Web', { table, alarms: this.alarms, functionDefaults });
  }
}
