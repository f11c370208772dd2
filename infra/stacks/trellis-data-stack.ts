import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { LinkSecret } from '../constructs/link-secret.ts';
import { TrellisTable } from '../constructs/trellis-table.ts';

/**
 * Stateful resources only, deployed rarely and never deleted by accident (termination protection): the table,
 * and the key of the signed links in mails already sent. The stateless service stack can be destroyed and rebuilt
 * around it.
 */
export class TrellisDataStack extends Stack {
  readonly table: ITable;
  readonly linkSecret: ISecret;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { ...props, terminationProtection: true });
    this.table = new TrellisTable(this, 'Store').table;
    this.linkSecret = new LinkSecret(this, 'LinkSecret').secret;
    // The rotation procedure in link-secret.ts starts from this output.
    new CfnOutput(this, 'LinkSecretArn', {
      description: 'Secret holding the key of the signed links in mails (rotate by hand only)',
      value: this.linkSecret.secretArn,
    }).overrideLogicalId('LinkSecretArn');
  }
}
