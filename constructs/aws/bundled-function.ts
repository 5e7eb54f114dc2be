import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { bundleFunction } from './function-bundle.js';
import { policyDocument, type PolicyStatement } from './iam-policy.js';

export interface FunctionSchedule {
  /** EventBridge Scheduler expression, e.g. `cron(0 7 ? * MON *)`. */
  readonly expression: string;
  /** @default UTC */
  readonly timezone?: string;
  /** JSON event passed to the handler. @default {} */
  readonly input?: Record<string, unknown>;
}

export interface BundledFunctionProps {
  readonly accountId: string;
  readonly region: string;
  /** Lambda function name; also names its role and log group. */
  readonly functionName: string;
  /** Folder below functions/ holding `handler.ts`. */
  readonly source: string;
  readonly description: string;
  /** What the function may do beyond writing its logs. */
  readonly statements: PolicyStatement[];
  /** Log retention, from the retention table. */
  readonly logRetentionDays: number;
  /** Customer key of the log group (its policy must allow CloudWatch Logs). */
  readonly logsKeyArn: string;
  /** @default {} */
  readonly environment?: Record<string, string>;
  /** @default 120 */
  readonly timeoutSeconds?: number;
  /** @default 256 */
  readonly memoryMiB?: number;
  /** Invoke on a schedule through EventBridge Scheduler. @default not scheduled */
  readonly schedule?: FunctionSchedule;
}

/**
 * A TypeScript Lambda from functions/<source>/, bundled with esbuild at synth
 * into a deterministic zip (see function-bundle.ts), on arm64 Node 22 with its
 * own least-privilege role and a KMS-encrypted log group with retention.
 */
export class BundledFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    const bundle = bundleFunction(props.source);
    const asset = new TerraformAsset(this, 'code', {
      path: bundle.zipPath,
      type: AssetType.FILE,
      assetHash: bundle.sha256.replace(/[^A-Za-z0-9]/g, '').slice(0, 32),
    });
    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKeyArn,
    });
    this.role = new IamRole(this, 'role', {
      name: `${props.functionName}-fn`,
      assumeRolePolicy: policyDocument([
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
      ]),
    });
    new IamRolePolicy(this, 'policy', {
      role: this.role.id,
      name: 'least-privilege',
      policy: policyDocument([
        { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroup.arn}:*` },
        ...props.statements,
      ]),
    });
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      filename: asset.path,
      sourceCodeHash: bundle.sha256,
      timeout: props.timeoutSeconds ?? 120,
      memorySize: props.memoryMiB ?? 256,
      environment: props.environment ? { variables: props.environment } : undefined,
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      dependsOn: [logGroup],
    });
    if (props.schedule) this.scheduleWith(props);
  }

  private scheduleWith(props: BundledFunctionProps): void {
    const schedule = props.schedule;
    if (!schedule) return;
    const schedulerRole = new IamRole(this, 'scheduler-role', {
      name: `${props.functionName}-schedule`,
      assumeRolePolicy: policyDocument([
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
        },
      ]),
    });
    new IamRolePolicy(this, 'scheduler-policy', {
      role: schedulerRole.id,
      name: 'invoke-function',
      policy: policyDocument([{ Sid: 'InvokeFunction', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: this.function.arn }]),
    });
    new SchedulerSchedule(this, 'schedule', {
      name: props.functionName,
      description: `Runs ${props.functionName}`,
      scheduleExpression: schedule.expression,
      scheduleExpressionTimezone: schedule.timezone ?? 'UTC',
      flexibleTimeWindow: { mode: 'FLEXIBLE', maximumWindowInMinutes: 15 },
      target: {
        arn: this.function.arn,
        roleArn: schedulerRole.arn,
        input: JSON.stringify(schedule.input ?? {}),
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      },
    });
  }
}
