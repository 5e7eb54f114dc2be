import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { describe, expect, test } from 'vitest';
import { globalRecordingRegion } from '../../config/derive/audit.js';
import { clusterTargets, orderedEnvironments, type ClusterTarget } from '../../config/derive/targets.js';
import { standardArn } from '../../constructs/aws/security-hub.js';
import { configWith, platformConfig, platformStackNames, resourcesOf, synthStack } from '../support/platform.js';
import { regionStackWith } from '../support/stacks-with.js';

const targets = clusterTargets(platformConfig());
const security = (t: ClusterTarget) => `${t.envName}-${t.region}-security`;
const prod = targets.find((t) => t.envName === 'prod' && t.role === 'primary') as ClusterTarget;
const STACK = security(prod);

describe('security posture stack', () => {
  test('exists for every region every environment uses, and nowhere else', () => {
    const names = targets.map(security);
    expect(
      platformStackNames()
        .filter((n) => n.endsWith('-security'))
        .sort(),
    ).toEqual([...names].sort());
    for (const name of names) expect(synthStack(name)).toHaveResource(GuarddutyDetector);
  });

  test('GuardDuty runs EKS runtime monitoring with add-on management, S3 and malware protection', () => {
    const features = resourcesOf(STACK, 'aws_guardduty_detector_feature');
    const byName = Object.fromEntries(features.map((f) => [f.name, f]));
    expect(Object.keys(byName)).toEqual(
      expect.arrayContaining(['EKS_RUNTIME_MONITORING', 'S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION', 'EKS_AUDIT_LOGS']),
    );
    expect(byName.EKS_RUNTIME_MONITORING).toMatchObject({
      status: 'ENABLED',
      additional_configuration: [{ name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' }],
    });
    for (const f of features) expect(f.status).toBe('ENABLED');
  });

  test('Security Hub subscribes to the configured standards after the hub is enabled', () => {
    const { securityHubStandards, pciDssVersion } = platformConfig().security;
    const subscriptions = resourcesOf(STACK, 'aws_securityhub_standards_subscription');
    expect(subscriptions.map((s) => s.standards_arn).sort()).toEqual(
      securityHubStandards.map((standard) => standardArn(prod.region, standard, pciDssVersion)).sort(),
    );
    for (const s of subscriptions) expect(s.depends_on).toEqual([expect.stringMatching(/^aws_securityhub_account\./)]);
    expect(standardArn('us-west-2', 'pci-dss', '3.2.1')).toBe('arn:aws:securityhub:us-west-2::standards/pci-dss/v/3.2.1');
  });

  test('AWS Config records everything, global resources in one region per environment (the home region where it runs), into an encrypted bucket', () => {
    const recorder = (stack: string) => resourcesOf(stack, 'aws_config_configuration_recorder')[0] as Record<string, any>;
    for (const target of targets) {
      const global = globalRecordingRegion(platformConfig(), target.envName) === target.region;
      expect(recorder(security(target)).recording_group, security(target)).toEqual({
        all_supported: true,
        include_global_resource_types: global,
      });
    }
    for (const [envName] of orderedEnvironments(platformConfig())) {
      expect(
        targets.filter((t) => t.envName === envName && recorder(security(t)).recording_group.include_global_resource_types),
        envName,
      ).toHaveLength(1);
    }
    // The home region where the environment runs there, else its primary.
    const elsewhere = configWith((c) => {
      c.organization.homeRegion = 'us-west-2';
    });
    for (const [envName, env] of orderedEnvironments(elsewhere)) {
      const runsThere = [env.regions.primary, ...env.regions.replicas].some((r) => r.region === 'us-west-2');
      expect(globalRecordingRegion(elsewhere, envName), envName).toBe(runsThere ? 'us-west-2' : env.regions.primary.region);
    }
    const channel = resourcesOf(STACK, 'aws_config_delivery_channel')[0] as Record<string, any>;
    expect(channel.s3_kms_key_arn).toMatch(/^\$\{aws_kms_key\.config_key.*\.arn\}$/);
    expect(synthStack(STACK)).toHaveResourceWithProperties(ConfigConfigurationRecorderStatus, { is_enabled: true });
  });

  test('routes GuardDuty severity >= 7 and Security Hub HIGH/CRITICAL findings to the encrypted alert topic', () => {
    const rules = resourcesOf(STACK, 'aws_cloudwatch_event_rule').map((r) => JSON.parse(r.event_pattern));
    expect(rules).toContainEqual(expect.objectContaining({ source: ['aws.guardduty'], detail: { severity: [{ numeric: ['>=', 7] }] } }));
    expect(rules).toContainEqual(
      expect.objectContaining({
        source: ['aws.securityhub'],
        detail: expect.objectContaining({ findings: expect.objectContaining({ Severity: { Label: ['HIGH', 'CRITICAL'] } }) }),
      }),
    );
    const targets = resourcesOf(STACK, 'aws_cloudwatch_event_target');
    expect(targets).toHaveLength(2);
    for (const t of targets) expect(t.arn).toMatch(/^\$\{aws_sns_topic\.alerts_topic.*\.arn\}$/);
    const policy = resourcesOf(STACK, 'aws_sns_topic_policy')[0] as Record<string, any>;
    expect(JSON.parse(policy.policy).Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: ['events.amazonaws.com'] }, Action: 'sns:Publish' }),
    );
  });

  test('IAM Access Analyzer is per account, organization-wide in the management account', () => {
    expect(synthStack(STACK)).toHaveResourceWithProperties(AccessanalyzerAnalyzer, { type: 'ACCOUNT' });
    const management = configWith((c) => {
      c.organization.managementAccountId = c.environments.prod?.accountId;
    });
    const analyzers = regionStackWith(management, `prod/${prod.region}`, 'security').resource.aws_accessanalyzer_analyzer;
    expect(Object.values(analyzers)).toEqual([expect.objectContaining({ type: 'ORGANIZATION' })]);
  });
});
