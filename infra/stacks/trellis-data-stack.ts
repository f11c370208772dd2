import { Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TrellisTable } from '../constructs/trellis-table.ts';

/**
 * Stateful resources only, deployed rarely and never deleted by accident (termination protection). The
 * stateless service stack can be destroyed and rebuilt around it.
 */
export class TrellisDataStack extends Stack {
  readonly table: ITable;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    this.table = new TrellisTable(this, 'Store').table;
  }
}
