import { describe, expect, test } from 'vitest';
import { COST_COMPONENTS, KARPENTER_VERSION } from '../../charts/karpenter/component.js';
import { AMI_ALIAS } from '../../charts/karpenter/karpenter.js';
import { PLATFORM_COMPONENTS } from '../../charts/components.js';
import { helmValuesFor } from '../../charts/argocd/helm-values.js';
import { schemaFor, validateObject } from '../support/manifest-validation.js';
import { clusterAt, clusterWith, objectsOf, viewAt } from '../support/manifests.js';
import { configWith, platformConfig, resourcesOf } from '../support/platform.js';

const objects = (dir: string) =>
  objectsOf(clusterAt(dir))
    .filter((o) => o.file === 'karpenter.k8s.yaml')
    .map((o) => o.object as any);
const stagingWest = clusterAt('staging/us-west-2');
const staging = objects(stagingWest.dir);
const nodePool = (name: string) => staging.find((o) => o.kind === 'NodePool' && o.metadata.name === name);

describe('karpenter chart', () => {
  test('renders an EC2NodeClass and two NodePools for Karpenter clusters and nothing for managed-spot ones', () => {
    expect(staging.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'EC2NodeClass/default',
      'NodePool/on-demand',
      'NodePool/spot-graviton',
    ]);
    expect(
      objects('prod/us-east-1')
        .map((o) => o.kind)
        .sort(),
    ).toEqual(['EC2NodeClass', 'NodePool', 'NodePool']);
    const managedSpot = configWith((c) => {
      Object.assign(c.cost.environments.dev ?? {}, { capacity: 'managed-spot' });
    });
    expect(clusterWith(managedSpot, 'dev/us-east-1').files.has('karpenter.k8s.yaml')).toBe(false);
  });

  test('the node class boots pinned AL2023 with IMDSv2 (hop limit 1) and encrypted gp3, found by discovery tags', () => {
    const nodeClass = staging.find((o) => o.kind === 'EC2NodeClass');
    expect(nodeClass.spec).toMatchObject({
      amiSelectorTerms: [{ alias: AMI_ALIAS }],
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeType: 'gp3', encrypted: true, volumeSize: '50Gi' } }],
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': stagingWest.view.facts.clusterName } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': stagingWest.view.facts.clusterName } }],
    });
    expect(AMI_ALIAS).toMatch(/^al2023@v\d{8}$/);
    expect(nodeClass.spec.tags).toMatchObject({
      Environment: 'staging',
      Service: 'karpenter',
      ManagedBy: 'argocd',
      CostCentre: platformConfig().environments.staging?.owner.costCentre,
    });
  });

  test('the node volumes are encrypted with the cluster volume key the cluster stack creates, named by the shared alias', () => {
    const nodeClass = objects('dev/us-east-1').find((o) => o.kind === 'EC2NodeClass');
    const [ebs] = nodeClass.spec.blockDeviceMappings.map((m: any) => m.ebs);
    const { facts } = clusterAt('dev/us-east-1').view;
    expect(ebs.kmsKeyID).toBe(`arn:aws:kms:${facts.region}:${facts.accountId}:alias/${facts.clusterName}-volumes`);
    const aliases = resourcesOf('dev-us-east-1-cluster', 'aws_kms_alias').map((a) => a.name);
    expect(aliases).toContain(`alias/${ebs.kmsKeyID.split(':alias/')[1]}`);
  });

  test('the node class uses the node role the cluster stack creates', () => {
    const nodeClass = objects('dev/us-east-1').find((o) => o.kind === 'EC2NodeClass');
    const roles = resourcesOf('dev-us-east-1-cluster', 'aws_iam_role').map((r) => r.name);
    expect(roles).toContain(nodeClass.spec.role);
  });

  test('Graviton spot is preferred by weight; on-demand is the fallback', () => {
    const spot = nodePool('spot-graviton');
    const onDemand = nodePool('on-demand');
    expect(spot.spec.weight).toBeGreaterThan(onDemand.spec.weight);
    expect(spot.spec.template.spec.requirements).toEqual(
      expect.arrayContaining([
        { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
        { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
        { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['c7g', 'm6g', 'm7g', 'm8g', 'r7g'], minValues: 2 },
      ]),
    );
    expect(onDemand.spec.template.spec.requirements).toEqual(
      expect.arrayContaining([{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] }]),
    );
  });

  test('both pools consolidate, expire nodes and bound disruption, pausing consolidation in market hours', () => {
    for (const name of ['spot-graviton', 'on-demand']) {
      const spec = nodePool(name).spec;
      expect(spec.disruption.consolidationPolicy).toBe('WhenEmptyOrUnderutilized');
      expect(spec.disruption.budgets).toEqual([
        { nodes: '10%' },
        { nodes: '0', reasons: ['Underutilized', 'Drifted'], schedule: '0 13 * * mon-fri', duration: '8h' },
      ]);
      expect(spec.template.spec.expireAfter).toBe('720h');
      expect(spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' });
      expect(Number(spec.limits.cpu)).toBeGreaterThan(0);
    }
  });

  test('every object validates against the Karpenter schema', async () => {
    expect(await schemaFor('karpenter.sh/v1', 'NodePool')).toBeDefined();
    expect(await schemaFor('karpenter.k8s.aws/v1', 'EC2NodeClass')).toBeDefined();
    expect(await validateObject({ ...nodePool('on-demand'), spec: { ...nodePool('on-demand').spec, wieght: 1 } })).not.toEqual([]);
    for (const object of staging) expect(await validateObject(object)).toEqual([]);
  });
});

describe('karpenter component', () => {
  const karpenter = COST_COMPONENTS.find((c) => c.name === 'karpenter');

  test('is registered, pinned to an exact 1.x chart from the public ECR OCI registry and provides the CRDs', () => {
    expect(PLATFORM_COMPONENTS).toEqual(expect.arrayContaining([...COST_COMPONENTS]));
    expect(KARPENTER_VERSION).toMatch(/^1\.\d+\.\d+$/);
    expect(karpenter?.helm).toMatchObject({ repoURL: 'public.ecr.aws/karpenter', chart: 'karpenter', version: KARPENTER_VERSION });
    expect(karpenter?.providesCrds).toEqual(['karpenter.sh/NodePool', 'karpenter.sh/NodeClaim', 'karpenter.k8s.aws/EC2NodeClass']);
  });

  test('cluster values name the cluster, its interruption queue and the Pod Identity service account', () => {
    const view = clusterAt('staging/us-west-2').view;
    const helm = karpenter?.helm;
    if (!helm) throw new Error('karpenter has no helm source');
    const { clusterName } = view.facts;
    expect(helmValuesFor(helm, view)).toMatchObject({
      settings: { clusterName, interruptionQueue: `${clusterName}-interruptions` },
      serviceAccount: { name: view.facts.podIdentities.karpenter.serviceAccount },
      controller: {
        image: { repository: `${view.facts.ecrRegistry}/ecr-public/karpenter/controller`, tag: KARPENTER_VERSION },
        resources: { limits: { memory: '1Gi' } },
      },
    });
  });

  test('is enabled only where the environment chose Karpenter; node pools come after the controller', () => {
    expect(karpenter?.enabled?.(clusterAt('dev/us-east-1').view)).toBe(true);
    expect(karpenter?.enabled?.(clusterAt('prod/us-east-1').view)).toBe(true);
    const managedSpot = configWith((c) => {
      Object.assign(c.cost.environments.dev ?? {}, { capacity: 'managed-spot' });
    });
    expect(karpenter?.enabled?.(viewAt('dev/us-east-1', managedSpot))).toBe(false);
    const pools = COST_COMPONENTS.find((c) => c.name === 'karpenter-node-pools');
    expect(pools?.syncWave).toBeGreaterThan(karpenter?.syncWave ?? Infinity);
    expect(pools?.charts?.map((c) => c.id)).toEqual(['karpenter']);
  });
});
