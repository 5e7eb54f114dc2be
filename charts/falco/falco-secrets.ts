import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { appSecretName, FALCOSIDEKICK_SECRET_OWNER } from '../../config/derive/secrets.js';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import { SECRET_STORE } from '../external-secrets/cluster-secret-store.js';

export const FALCO_NAMESPACE = 'falco';
/** Secret Falcosidekick reads its environment from: `SLACK_WEBHOOKURL` enables the Slack output. */
export const SIDEKICK_SECRET = 'falcosidekick-slack';

/**
 * The Slack webhook of Falcosidekick, synced from Secrets Manager
 * (`<env>/falcosidekick/app`) so the URL never sits in git or Helm values.
 */
export class FalcoSecretsChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id, { namespace: FALCO_NAMESPACE });
    new ApiObject(this, 'slack-webhook', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: {
        name: SIDEKICK_SECRET,
        labels: resolveLabels(ctx.config, ctx.target.envName, { Team: 'platform', Service: 'falco' }),
      },
      spec: {
        refreshInterval: ctx.config.gitops.secretRefreshInterval,
        secretStoreRef: { kind: 'ClusterSecretStore', name: SECRET_STORE },
        target: { name: SIDEKICK_SECRET, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
        dataFrom: [{ extract: { key: appSecretName(ctx.target.envName, FALCOSIDEKICK_SECRET_OWNER) } }],
      },
    });
  }
}
