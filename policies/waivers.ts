import type { Waiver } from './types.js';

/**
 * Reviewed exceptions to the policy catalog. Each names one rule and one
 * resource (`stack/type.name` or `env/region/file#Kind/namespace/name`, `*`
 * within a path segment), says why, and ends: an expired waiver fails synth,
 * an unused one is reported so it gets removed.
 */
export const WAIVERS: readonly Waiver[] = [
  {
    rule: 'runtime-rewrites-ignored',
    resource: '*/*/gatekeeper#*/*',
    reason:
      "Gatekeeper's cert controller injects its webhooks' caBundle; the gatekeeper component (charts/gatekeeper, owned by the admission-policy change of issue 12) needs ignoreDifferences: [webhookFields(kind, name, ['caBundle'])] for both configurations. Until then Argo CD's three-way diff leaves the injected CA alone (git never sets it).",
    expires: '2027-01-31',
  },
  {
    rule: 'runtime-rewrites-ignored',
    resource: '*/*/chaos-mesh#*/*',
    reason:
      "Chaos Mesh's chart generates its webhook CA at render time (charts/chaos, owned by the Chaos Mesh change of issue 12): its component needs ignoreDifferences on the webhooks' caBundle and generatedSecret() for its four key-pair Secrets. Until then every re-render re-syncs a fresh key pair (staging only).",
    expires: '2027-01-31',
  },
  {
    rule: 'runtime-rewrites-ignored',
    resource: '*/*/chaos-mesh#Secret/chaos-mesh/*',
    reason: 'The key pairs Chaos Mesh generates at render time, see the chaos-mesh webhook waiver: same owner, same fix.',
    expires: '2027-01-31',
  },
  {
    rule: 'large-crds-server-side-applied',
    resource: '*/*/chaos-mesh#CustomResourceDefinition/*',
    reason: "Chaos Mesh's Schedule and Workflow CRDs need ServerSideApply; the fix (serverSideApply: true on the chaos-mesh component) belongs to the Chaos Mesh change of issue 12 in charts/chaos. Staging only.",
    expires: '2027-01-31',
  },
];
