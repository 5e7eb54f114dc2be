import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import { PLATFORM_SECRET_NAMESPACES, SECRET_STORE } from './names.js';

export interface ClusterSecretStoreProps {
  /** The taxonomy labels of the store. */
  readonly labels: Record<string, string>;
  /** The cluster's region: the store reads Secrets Manager there. */
  readonly region: AwsRegion;
  /** The team namespaces that may read through the store. */
  readonly teamNamespaces: readonly string[];
}

/**
 * AWS Secrets Manager in the cluster's own region. No `auth` block: the
 * operator's service account has an EKS Pod Identity association
 * (clusterFacts().podIdentities['external-secrets']), so the SDK's default
 * chain gets short-lived credentials and no static key exists anywhere.
 * Only team namespaces and the platform namespaces above may use the store.
 */
export class ClusterSecretStoreChart extends Chart {
  constructor(scope: Construct, id: string, props: ClusterSecretStoreProps) {
    super(scope, id);
    new ApiObject(this, 'store', {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ClusterSecretStore',
      metadata: { name: SECRET_STORE, labels: props.labels },
      spec: {
        provider: { aws: { service: 'SecretsManager', region: props.region } },
        conditions: [{ namespaces: [...props.teamNamespaces, ...PLATFORM_SECRET_NAMESPACES] }],
        refreshInterval: 300,
      },
    });
  }
}
