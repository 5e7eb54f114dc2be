import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { describe, expect, test } from 'vitest';
import { clusterTargets } from '../../config/derive/targets.js';
import { standardArn } from '../../constructs/aws/security-hub.js';
import { buildTerraformApp } from '../../stacks/app.js';
import { configWith, platformConfig, resourcesOf, synthStack } from '../support/platform.js';

const STACK = 'prod-us-east-1-security';

describe('security posture stack', () => {
  test('exists for every region every environment uses', () => {
    const names = clusterTargets(platformConfig()).map((t) => `${t.envName}-${t.region}-security`);
    expect(names).toEqual(expect.arrayContaining(['dev-us-east-1-security', 'prod-us-east-1-security', 'prod-us-west-2-security']));
    for (const name of names) expect(synthStack(name)).toHaveResource(GuarddutyDetector);
  });

  test('GuardDuty runs EKS runtime monitoring with add-on management, S3 and malware protection', () => {
    const features = resourcesOf(STACK, 'aws_guardduty_detector_feature');
    const byName = Object.fromEntries(features.map((f) => [f.name, f]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['EKS_RUNTIME_MONITORING', 'S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION', 'EKS_AUDIT_LOGS']));
    expect(byName.EKS_RUNTIME_MONITORING).toMatchObject({ status: 'ENABLED', additional_configuration: [{ name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' }] });
    for (const f of features) expect(f.status).toBe('ENABLED');
  });

  test('Security Hub subscribes to FSBP, CIS 3.0.0 and PCI DSS after the hub is enabled', () => {
    const subscriptions = resourcesOf(STACK, 'aws_securityhub_standards_subscription');
    expect(subscriptions.map((s) => s.standards_arn).sort()).toEqual([
      'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0',
      'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0',
      'arn:aws:securityhub:us-east-1::standards/pci-dss/v/4.0.1',
    ]);
    for (const s of subscriptions) expect(s.depends_on).toEqual([expect.stringMatching(/^aws_securityhub_account\./)]);
    expect(standardArn('us-west-2', 'pci-dss', '3.2.1')).toBe('arn:aws:securityhub:us-west-2::standards/pci-dss/v/3.2.1');
  });

  test('AWS Config records everything, global resources in the home region only, into an encrypted bucket', () => {
    const recorder = (stack: string) => resourcesOf(stack, 'aws_config_configuration_recorder')[0] as Record<string, any>;
    expect(recorder(STACK).recording_group).toEqual({ all_supported: true, include_global_resource_types: true });
    expect(recorder('prod-us-west-2-security').recording_group).toEqual({ all_supported: true, include_global_resource_types: false });
    const channel = resourcesOf(STACK, 'aws_config_delivery_channel')[0] as Record<string, any>;
    expect(channel.s3_kms_key_arn).toMatch(/^\$\{aws_kms_key\.config_key.*\.arn\}$/);
    expect(synthStack(STACK)).toHaveResourceWithProperties(ConfigConfigurationRecorderStatus, { is_enabled: true });
  });

  test('routes GuardDuty severity >= 7 and Security Hub HIGH/CRITICAL findings to the encrypted alert topic', () => {
    const rules = resourcesOf(STACK, 'aws_cloudwatch_event_rule').map((r) => JSON.parse(r.event_pattern));
    expect(rules).toContainEqual(expect.objectContaining({ source: ['aws.guardduty'], detail: { severity: [{ numeric: ['>=', 7] }] } }));
    expect(rules).toContainEqual(expect.objectContaining({
      source: ['aws.securityhub'],
      detail: expect.objectContaining({ findings: expect.objectContaining({ Severity: { Label: ['HIGH', 'CRITICAL'] } }) }),
    }));
    const targets = resourcesOf(STACK, 'aws_cloudwatch_event_target');
    expect(targets).toHaveLength(2);
    for (const t of targets) expect(t.arn).toMatch(/^\$\{aws_sns_topic\.alerts_topic.*\.arn\}$/);
    const policy = resourcesOf(STACK, 'aws_sns_topic_policy')[0] as Record<string, any>;
    expect(JSON.parse(policy.policy).Statement).toContainEqual(expect.objectContaining({ Principal: { Service: ['events.amazonaws.com'] }, Action: 'sns:Publish' }));
  });

  test('IAM Access Analyzer is per account, organization-wide in the management account', () => {
    expect(synthStack(STACK)).toHaveResourceWithProperties(AccessanalyzerAnalyzer, { type: 'ACCOUNT' });
    const outdir = mkdtempSync(join(tmpdir(), 'security-posture-test-'));
    buildTerraformApp(configWith((c) => { c.organization.managementAccountId = '410987654321'; }), { outdir }).synth();
    const analyzers = JSON.parse(readFileSync(join(outdir, 'stacks', STACK, 'cdk.tf.json'), 'utf8')).resource.aws_accessanalyzer_analyzer;
    expect(Object.values(analyzers)).toEqual([expect.objectContaining({ type: 'ORGANIZATION' })]);
  });
});
