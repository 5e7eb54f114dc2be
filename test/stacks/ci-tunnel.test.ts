import { describe, expect, test } from 'vitest';
import { CI_TUNNEL_TAG, clusterFacts } from '../../config/derive/facts.js';
import { clusterTargets, type ClusterTarget } from '../../config/derive/targets.js';
import { availabilityZones } from '../../config/reference/aws-regions.js';
import { TUNNEL_IMAGE, TUNNEL_INSTANCE_TYPE } from '../../stacks/ci-tunnel.js';
import { platformConfig, platformStackNames, resourcesOf } from '../support/platform.js';

const prod = clusterTargets(platformConfig()).find((t) => t.envName === 'prod' && t.role === 'primary') as ClusterTarget;
const facts = clusterFacts(platformConfig(), prod);
const STACK = `prod-${prod.region}-ci-tunnel`;

describe('CI tunnel stack', () => {
  test('one per cluster', () => {
    const stacks = platformStackNames().filter((n) => n.endsWith('-ci-tunnel'));
    const clusters = platformStackNames().filter((n) => n.endsWith('-cluster'));
    expect(stacks.sort()).toEqual(clusters.map((c) => c.replace(/-cluster$/, '-ci-tunnel')).sort());
  });

  test('the host accepts no inbound traffic; the cluster security group admits it on 443 only', () => {
    const [group] = resourcesOf(STACK, 'aws_security_group');
    expect(group.ingress ?? []).toEqual([]);
    expect(group.egress).toEqual([expect.objectContaining({ from_port: 443, to_port: 443, protocol: 'tcp' })]);
    const [rule] = resourcesOf(STACK, 'aws_vpc_security_group_ingress_rule');
    expect(rule).toMatchObject({
      from_port: 443,
      to_port: 443,
      ip_protocol: 'tcp',
      referenced_security_group_id: expect.stringMatching(/^.{2}aws_security_group\.tunnel-sg\.id\}$/),
    });
    expect(rule.security_group_id).toMatch(/cluster_security_group_id/);
  });

  test('a self-healing group of one small SSM-managed host in the private subnets, tagged for the CI roles', () => {
    const [asg] = resourcesOf(STACK, 'aws_autoscaling_group');
    expect(asg).toMatchObject({ name: facts.ciTunnel.name, min_size: 1, max_size: 1, desired_capacity: 1 });
    expect(asg.vpc_zone_identifier).toHaveLength(availabilityZones(prod.region).length);
    const [template] = resourcesOf(STACK, 'aws_launch_template');
    expect(template).toMatchObject({ image_id: TUNNEL_IMAGE, instance_type: TUNNEL_INSTANCE_TYPE });
    expect(template.metadata_options).toMatchObject({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(template.block_device_mappings[0].ebs).toMatchObject({
      encrypted: 'true',
      kms_key_id: expect.stringMatching(/aws_kms_keyvolumes/),
    });
    const instanceTags = template.tag_specifications.find((t: any) => t.resource_type === 'instance').tags;
    expect(instanceTags[CI_TUNNEL_TAG]).toBe(facts.clusterName);
    const attachments = resourcesOf(STACK, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn);
    expect(attachments).toEqual(['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore']);
    expect(resourcesOf(STACK, 'aws_iam_role_policy')).toEqual([]);
  });

  test('its Session document forwards only to this cluster endpoint on 443; the caller picks only the local port', () => {
    const [doc] = resourcesOf(STACK, 'aws_ssm_document');
    expect(doc).toMatchObject({ name: facts.ciTunnel.documentName, document_type: 'Session' });
    // The host is a Terraform interpolation (it holds quotes until applied): read it, then parse the rest.
    const host = /\$\{replace\([^)]*\)\}/.exec(doc.content)?.[0] ?? '';
    expect(host).toMatch(
      new RegExp(
        `^\\$\\{replace\\(data\\.terraform_remote_state\\.[\\w-]+prod-${prod.region}-cluster\\.outputs\\.[\\w-]+endpoint, "https://", ""\\)\\}$`,
      ),
    );
    const content = JSON.parse(doc.content.replace(host, 'HOST'));
    expect(content.sessionType).toBe('Port');
    expect(Object.keys(content.parameters)).toEqual(['localPortNumber']);
    expect(content.properties).toEqual({
      type: 'LocalPortForwarding',
      host: 'HOST',
      portNumber: '443',
      localPortNumber: '{{ localPortNumber }}',
    });
  });
});
