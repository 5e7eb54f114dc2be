import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import type { ClusterContext } from '../cluster-context.js';
import { ISTIO_NAMESPACE, TRACING_PROVIDER } from './components.js';

/**
 * Mesh-wide policy, in the root namespace so it applies to every workload:
 * mutual TLS is STRICT (no plaintext between sidecars) and every proxy sends
 * traces to Tempo through the `tempo` extension provider of istiod's mesh config.
 */
export class IstioMeshChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const labels = resolveLabels(ctx.config, ctx.target.envName, { Team: 'platform', Service: 'istio' });
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
            randomSamplingPercentage: ctx.config.gitops.tracing.samplingPercentage,
            customTags: {
              environment: { literal: { value: ctx.target.envName } },
              region: { literal: { value: ctx.target.region } },
            },
          },
        ],
      },
    });
  }
}
