import { type Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { functionEntry, lambdaBundling, lockFilePath, repoRoot, sourceMapEnvironment } from '../bundling.ts';

export interface FunctionWithLogGroupProps {
  /** The entry is `functions/<name>.ts`; its `handler` export is invoked. */
  readonly name: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly logRemovalPolicy: RemovalPolicy.RETAIN | RemovalPolicy.DESTROY;
  /** @default one month */
  readonly logRetention?: RetentionDays;
  readonly environment?: Readonly<Record<string, string>>;
}

/** What every function of one deployment shares (from the infra config); capabilities spread it into props. */
export type FunctionDefaults = Pick<FunctionWithLogGroupProps, 'logRemovalPolicy' | 'environment'>;

const functionName = /^[a-z][a-z0-9-]*$/;

/**
 * What shared/observability reads: the metrics namespace, and tracing on (it loads Powertools Tracer, and with it
 * the X-Ray SDK, only when this says so; active tracing below is what sends the segments).
 */
export function observabilityEnvironment(name: string): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: name,
    POWERTOOLS_METRICS_NAMESPACE: 'Trellis',
    POWERTOOLS_TRACE_ENABLED: 'true',
  };
}

/**
 * Every Lambda goes through here: Node 22 on arm64, bundled by `infra/bundling.ts`, active tracing, its own log
 * group with a retention, and a role that starts with nothing but writing to that log group. Access to anything
 * else is granted by the helpers in `bindings.ts`.
 *
 * The role is built here rather than left to Lambda because the default one carries the AWS managed
 * AWSLambdaBasicExecutionRole, which may create and write every log group in the account (cdk-nag IAM4).
 */
export class FunctionWithLogGroup extends NodejsFunction {
  constructor(scope: Construct, id: string, props: FunctionWithLogGroupProps) {
    if (!functionName.test(props.name)) throw new Error(`function name '${props.name}' must be kebab-case`);
    // Built before super(), so they are siblings of the function in the construct tree.
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.name}: writes its own log group; other grants via bindings`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: functionEntry(props.name),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: lockFilePath,
      bundling: lambdaBundling,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      description: props.description,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role,
      logGroup,
      environment: { ...sourceMapEnvironment, ...observabilityEnvironment(props.name), ...props.environment },
    });
    this.enableActiveTracing(role);
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose: the project pins Node 22 (package.json engines, .nvmrc), so local runs, ' +
        'tests and the bundle target (node22) match what Lambda runs. Move all of them together.',
    });
  }

  /**
   * Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level
   * permissions, so `Resource: *` is unavoidable. Setting `tracing: ACTIVE` would add that statement to the
   * role's default policy next to the table and queue grants, where acknowledging the wildcard would also hide
   * any future wildcard grant. So the X-Ray statement lives alone in its own policy and only that is acknowledged.
   */
  private enableActiveTracing(role: Role): void {
    (this.node.defaultChild as CfnFunction).tracingConfig = { mode: Tracing.ACTIVE };
    const tracing = new Policy(role, 'TracingPolicy', {
      roles: [role],
      statements: [
        new PolicyStatement({
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });
    Validations.of(tracing).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions; this policy holds only ' +
        'those two actions.',
    });
  }
}
