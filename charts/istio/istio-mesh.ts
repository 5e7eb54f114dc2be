import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { EnvName } from '../../config/derive/stack-environment.js';
import type { AwsRegion } from '../../config/reference/aws-regions.js';
import { ISTIO_NAMESPACE, TRACING_PROVIDER } from './names.js';

export interface IstioMeshProps {
  /** The taxonomy labels of the mesh policy. */
  readonly labels: Record<string, string>;
  /** Share of requests traced (config.gitops.tracing.samplingPercentage). */
  readonly samplingPercentage: number;
  /** Tagged on every span. */
  readonly envName: EnvName;
  readonly region: AwsRegion;
}

/**
 * Mesh-wide policy, in the root namespace so it applies to every workload:
 * mutual TLS is STRICT (no plaintext between sidecars) and every proxy sends
 * traces to Tempo through the `tempo` extension provider of istiod's mesh config.
 */
export class IstioMeshChart extends Chart {
  constructor(scope: Construct, id: string, props: IstioMeshProps) {
    super(scope, id);
    const { labels } = props;
    new ApiObject(this, 'peer-authentication', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: ISTIO_NAMESPACE, labels },
      spec: { mtls: { mode: 'STRICT' } },
    });
    new ApiObject(this, 'telemetry', {
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      metadata: { name: 'mesh-default', namespace: ISTIO_NAMESPACE, labels },
      spec: {
        tracing: [
          {
            providers: [{ name: TRACING_PROVIDER }],
            randomSamplingPercentage: props.samplingPercentage,
            customTags: {
              environment: { literal: { value: props.envName } },
              region: { literal: { value: props.region } },
            },
          },
        ],
      },
    });
  }
}
