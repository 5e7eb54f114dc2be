import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { appSecretName, FALCOSIDEKICK_SECRET_OWNER } from '../../config/derive/secrets.js';
import type { EnvName } from '../../config/derive/stack-environment.js';
import { SECRET_STORE } from '../external-secrets/names.js';
import { FALCO_NAMESPACE, SIDEKICK_SECRET } from './names.js';

export interface FalcoSecretsProps {
  /** The taxonomy labels of the ExternalSecret. */
  readonly labels: Record<string, string>;
  /** Whose `<env>/falcosidekick/app` document to read. */
  readonly envName: EnvName;
  /** How often External Secrets re-reads Secrets Manager (config.gitops.secretRefreshInterval). */
  readonly refreshInterval: string;
}

/**
 * The Slack webhook of Falcosidekick, synced from Secrets Manager
 * (`<env>/falcosidekick/app`) so the URL never sits in git or Helm values.
 */
export class FalcoSecretsChart extends Chart {
  constructor(scope: Construct, id: string, props: FalcoSecretsProps) {
    super(scope, id, { namespace: FALCO_NAMESPACE });
    new ApiObject(this, 'slack-webhook', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: {
        name: SIDEKICK_SECRET,
        labels: props.labels,
      },
      spec: {
        refreshInterval: props.refreshInterval,
        secretStoreRef: { kind: 'ClusterSecretStore', name: SECRET_STORE },
        target: { name: SIDEKICK_SECRET, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
        dataFrom: [{ extract: { key: appSecretName(props.envName, FALCOSIDEKICK_SECRET_OWNER) } }],
      },
    });
  }
}
