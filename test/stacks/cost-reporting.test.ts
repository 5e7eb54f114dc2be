import { BcmdataexportsExport } from '@cdktf/provider-aws/lib/bcmdataexports-export';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { manifestDependencies, platformOutdir, resourcesOf, stackJson } from '../support/platform.js';

const STACK = 'prod-global-cost-reporting';
const policyOf = (stack: string, fragment: string) => {
  const entry = Object.entries(stackJson(stack).resource.aws_iam_role_policy ?? {}).find(([id]) => id.includes(fragment));
  if (!entry) throw new Error(`no role policy matching ${fragment}`);
  return JSON.parse((entry[1] as any).policy).Statement as any[];
};

describe('cost reporting stack', () => {
  test('CUR 2.0 exports hourly Parquet with resource ids and tags into the encrypted exports bucket', () => {
    const [cur] = resourcesOf(STACK, BcmdataexportsExport.tfResourceType);
    const spec = cur.export[0];
    expect(spec.name).toBe('tradesense-prod-cur2');
    expect(spec.data_query[0].query_statement).toMatch(/^SELECT .*resource_tags FROM COST_AND_USAGE_REPORT$/);
    expect(spec.data_query[0].table_configurations.COST_AND_USAGE_REPORT).toMatchObject({
      TIME_GRANULARITY: 'HOURLY',
      INCLUDE_RESOURCES: 'TRUE',
    });
    expect(spec.destination_configurations[0].s3_destination[0]).toMatchObject({
      s3_bucket: expect.stringMatching(/aws_s3_bucket\.exports-bucket/),
      s3_output_configurations: [{ format: 'PARQUET', compression: 'PARQUET', output_type: 'CUSTOM', overwrite: 'OVERWRITE_REPORT' }],
    });
  });

  test('the exports bucket is KMS-encrypted and admits only Data Exports from this account', () => {
    const [sse] = resourcesOf(STACK, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(sse.rule[0].apply_server_side_encryption_by_default).toMatchObject({
      sse_algorithm: 'aws:kms',
      kms_master_key_id: expect.stringMatching(/aws_kms_key\.exports-key/),
    });
    const [bucket] = resourcesOf(STACK, 'aws_s3_bucket');
    expect(bucket).toMatchObject({ bucket: 'tradesense-prod-cost-exports-410987654321', lifecycle: { prevent_destroy: true } });
    const [policy] = resourcesOf(STACK, 'aws_s3_bucket_policy');
    const deliver = JSON.parse(policy.policy).Statement.find((s: any) => s.Sid === 'DataExportsDeliver');
    expect(deliver.Principal.Service).toEqual(['bcm-data-exports.amazonaws.com', 'billingreports.amazonaws.com']);
    expect(deliver.Condition.StringLike['aws:SourceAccount']).toBe('410987654321');
  });

  test('the weekly report is a bundled arm64 Node 22 Lambda run by EventBridge Scheduler', () => {
    const [fn] = resourcesOf(STACK, LambdaFunction.tfResourceType);
    expect(fn).toMatchObject({
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      function_name: 'tradesense-prod-cost-report',
    });
    expect(fn.environment.variables).toMatchObject({
      TAG_KEYS: 'Environment,Service,Team,CostCentre,ManagedBy,DataClassification',
      TOPIC_ARN: 'arn:aws:sns:us-east-1:410987654321:tradesense-prod-cost-alerts',
      SLACK_WEBHOOK_SECRET: 'prod/finops/slack-webhook',
    });
    expect(fn.filename).toMatch(/^assets\/weekly-report_code_[A-Z0-9]+\/[A-Za-z0-9]+\/cost-report\.zip$/);
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const [schedule] = resourcesOf(STACK, SchedulerSchedule.tfResourceType);
    expect(schedule).toMatchObject({
      schedule_expression: 'cron(0 7 ? * MON *)',
      schedule_expression_timezone: 'UTC',
      target: { arn: expect.stringMatching(/aws_lambda_function\.weekly-report_function/) },
    });
  });

  test('the bundle in the asset is ESM with the AWS SDK left external', () => {
    const [fn] = resourcesOf(STACK, LambdaFunction.tfResourceType);
    const zip = readFileSync(join(platformOutdir(), 'stacks', STACK, fn.filename));
    // One local entry: 30-byte header, the name, then the deflated file.
    const nameLength = zip.readUInt16LE(26);
    expect(zip.subarray(30, 30 + nameLength).toString()).toBe('index.mjs');
    const code = inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + zip.readUInt32LE(18))).toString();
    expect(code).toContain('from "@aws-sdk/client-cost-explorer"');
    expect(code).toMatch(/export\s*\{[^}]*handler/);
    expect(code).not.toContain(process.cwd());
  });

  test('the report role reads costs, publishes to the alert topic and reads only its Slack secret', () => {
    const statements = policyOf(STACK, 'weekly-report_policy');
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.ReadCosts.Action).toBe('ce:GetCostAndUsage');
    expect(bySid.PublishReport.Resource).toBe('arn:aws:sns:us-east-1:410987654321:tradesense-prod-cost-alerts');
    expect(bySid.ReadSlackWebhook.Resource).toBe('arn:aws:secretsmanager:us-east-1:410987654321:secret:prod/finops/slack-webhook-*');
    expect(policyOf('dev-global-cost-reporting', 'weekly-report_policy').map((s) => s.Sid)).not.toContain('ReadSlackWebhook');
  });

  test('creates the Slack webhook secret it reads (empty, KMS-encrypted) and may decrypt it only through Secrets Manager', () => {
    const [secret] = resourcesOf(STACK, 'aws_secretsmanager_secret');
    expect(secret).toMatchObject({
      name: 'prod/finops/slack-webhook',
      kms_key_id: expect.stringMatching(/aws_kms_key\.exports-key/),
      recovery_window_in_days: 30,
    });
    expect(resourcesOf(STACK, 'aws_secretsmanager_secret_version')).toEqual([]);
    const decrypt = policyOf(STACK, 'weekly-report_policy').find((s) => s.Sid === 'DecryptSlackWebhook');
    expect(decrypt).toMatchObject({
      Action: 'kms:Decrypt',
      Resource: expect.stringMatching(/aws_kms_key\.exports-key/),
      Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
    });
    expect(resourcesOf('dev-global-cost-reporting', 'aws_secretsmanager_secret')).toEqual([]);
  });

  test('report logs are KMS-encrypted and kept per the application-log retention', () => {
    const [logs] = resourcesOf(STACK, 'aws_cloudwatch_log_group');
    expect(logs).toMatchObject({
      name: '/aws/lambda/tradesense-prod-cost-report',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/aws_kms_key\.exports-key/),
    });
  });

  test('deploys after the cost-controls stack whose topic it publishes to', () => {
    expect(manifestDependencies(STACK)).toContain('prod-global-cost-controls');
    expect(existsSync(join(platformOutdir(), 'stacks', STACK, 'cdk.tf.json'))).toBe(true);
  });
});
