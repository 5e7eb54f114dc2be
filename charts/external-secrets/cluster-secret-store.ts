import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import { teamNamespace } from '../team-namespaces.js';

/** The store every ExternalSecret of the cluster reads through. */
export const SECRET_STORE = 'aws-secrets-manager';

/** Platform namespaces whose components read secrets: alert receivers and Grafana (monitoring), Falcosidekick (falco). */
export const PLATFORM_SECRET_NAMESPACES = ['falco', 'monitoring'] as const;

/**
 * AWS Secrets Manager in the cluster's own region. No `auth` block: the
 * operator's service account has an EKS Pod Identity association
 * (clusterFacts().podIdentities['external-secrets']), so the SDK's default
 * chain gets short-lived credentials and no static key exists anywhere.
 * Only team namespaces and the platform namespaces above may use the store.
 */
export class ClusterSecretStoreChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const teams = [...new Set(ctx.config.services.map((s) => s.team))].sort();
    new ApiObject(this, 'store', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ClusterSecretStore',
      metadata: { name: SECRET_STORE, labels: resolveLabels(ctx.config, ctx.target.envName, { Team: 'platform', Service: 'external-secrets' }) },
      spec: {
        provider: { aws: { service: 'SecretsManager', region: ctx.target.region } },
        conditions: [{ namespaces: [...teams.map(teamNamespace), ...PLATFORM_SECRET_NAMESPACES] }],
        refreshInterval: 300,
      },
    });
  }
}
