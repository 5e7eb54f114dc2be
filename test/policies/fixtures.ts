import type { PlatformConfig } from '../../config/schema/platform.js';
import { PACKS } from '../../policies/catalog.js';
import { policyFindings } from '../../policies/engine.js';
import { parseManifests } from '../../policies/manifests.js';
import { indexOutput } from '../../policies/output-index.js';
import type { Finding, PolicyInput, SynthStack } from '../../policies/output.js';
import { awsContext, stackResources } from '../../policies/terraform.js';
import type { AwsRule, K8sContext, K8sObject, K8sRule, OutputRule, OutputViolation, Pack, Verdict, Waiver } from '../../policies/types.js';
import { platformConfig } from '../support/platform.js';

/** A Terraform reference expression, `${type.name.attr}`. */
export const ref = (expression: string): string => `\${${expression}}`;

export const TAGS = {
  CostCentre: 'CC-1000',
  DataClassification: 'internal',
  Environment: 'dev',
  ManagedBy: 'terraform',
  Service: 'platform',
  Team: 'platform',
};

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** A synthesized stack with a tagged default AWS provider. */
export function tfStack(
  resources: Resources,
  name = 'dev-us-east-1-test',
  providerTags: Record<string, string> = TAGS,
  data: Resources = {},
): SynthStack {
  return {
    name,
    json: { provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: providerTags }] }] }, resource: resources, data },
  };
}

/** One rule's verdict on the resource at `address` of a stack built from `resources`. */
export function awsVerdict(
  rule: AwsRule,
  resources: Resources,
  address: string,
  options: { providerTags?: Record<string, string>; data?: Resources } = {},
): Verdict {
  const all = stackResources(tfStack(resources, 'dev-us-east-1-test', options.providerTags, options.data));
  const target = all.find((r) => r.address === address);
  if (!target) throw new Error(`no ${address} in the fixture`);
  return rule.check(target, awsContext(platformConfig(), all));
}

export const ECR = '210987654321.dkr.ecr.us-east-1.amazonaws.com';

export const LABELS = {
  'tradesense.io/cost-centre': 'CC-2010',
  'tradesense.io/data-classification': 'internal',
  'tradesense.io/environment': 'dev',
  'tradesense.io/managed-by': 'argocd',
  'tradesense.io/service': 'order-gateway',
  'tradesense.io/team': 'trading',
};

/** A container that passes every pod rule. */
export function goodContainer(name = 'app'): Record<string, unknown> {
  return {
    name,
    image: `${ECR}/trading/order-gateway:1.4.2`,
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
    livenessProbe: { httpGet: { path: '/live', port: 8080 } },
    securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  };
}

/** A Deployment that passes every pod rule; `mutate` breaks one thing. */
export function deployment(mutate: (d: any) => void = () => undefined): K8sObject {
  const body: any = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'order-gateway', namespace: 'team-trading', labels: { ...LABELS } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'order-gateway' } },
      template: {
        metadata: { labels: { ...LABELS, app: 'order-gateway' } },
        spec: {
          serviceAccountName: 'order-gateway',
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [goodContainer()],
        },
      },
    },
  };
  mutate(body);
  return {
    file: 'dev/us-east-1/test.k8s.yaml',
    apiVersion: body.apiVersion,
    kind: body.kind,
    namespace: body.metadata.namespace,
    name: body.metadata.name,
    body,
  };
}

export function k8sContext(objects: K8sObject[] = []): K8sContext {
  return {
    allowedRegistries: [ECR],
    requiredLabels: platformConfig().tagTaxonomy.map((t) => ({ label: t.label, allowedValues: t.allowedValues })),
    objects,
  };
}

export function k8sVerdict(rule: K8sRule, object: K8sObject, others: K8sObject[] = []): Verdict {
  return rule.check(object, k8sContext([object, ...others]));
}

export const objectsOf = (yaml: string): K8sObject[] => parseManifests('test.yaml', yaml);

/** What a whole-output rule finds, before the pack's wording and waivers. */
export const outputViolations = (
  rule: OutputRule,
  input: PolicyInput,
  config: PlatformConfig = platformConfig(),
): readonly OutputViolation[] => rule.check(indexOutput(input), { config });

/** The findings of one catalog rule as synth reports them (pack wording), under the given waivers (none by default). */
export function ruleFindings(
  ruleId: string,
  input: PolicyInput,
  options: { config?: PlatformConfig; waivers?: readonly Waiver[] } = {},
): Finding[] {
  const pack = PACKS.find((p) => p.entries.some((e) => e.rule.id === ruleId));
  if (!pack) throw new Error(`no rule ${ruleId} in the catalog`);
  const only = { ...pack, entries: pack.entries.filter((e) => e.rule.id === ruleId) } as Pack;
  return policyFindings(input, {
    config: options.config ?? platformConfig(),
    packs: [only],
    waivers: options.waivers ?? [],
    today: '2026-12-07',
  });
}
