import type { Template } from 'aws-cdk-lib/assertions';

/** One IAM policy statement as it appears in a synthesized template. */
export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

export const resourcesOf = (statement: Statement): unknown[] =>
  Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];

/** Every statement of every IAM policy attached to the role. */
export function statementsOf(template: Template, roleLogicalId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** The actions the statements allow, sorted. */
export const allowedActions = (statements: Statement[]): string[] =>
  statements.flatMap((statement) => (statement.Effect === 'Allow' ? actionsOf(statement) : [])).sort();
