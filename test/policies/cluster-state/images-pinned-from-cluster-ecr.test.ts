import { describe, expect, it } from 'vitest';
import { imagesPinnedFromClusterEcr } from '../../../policies/cluster-state/images-pinned-from-cluster-ecr.js';
import type { StateObject } from '../../../policies/cluster-state/types.js';
import { fixtureState, stateContext, stateObject } from '../../support/cluster-state.js';

const ctx = stateContext('dev/us-east-1');
const ECR = ctx.facts.ecrRegistry;
const DIGEST = `sha256:${'4f'.repeat(32)}`;

const deployment = (...images: string[]): StateObject =>
  stateObject({
    application: 'argo-rollouts',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'controller',
    namespace: 'argo-rollouts',
    body: { spec: { template: { metadata: {}, spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) } } } },
  });
const check = (...objects: StateObject[]) => imagesPinnedFromClusterEcr.check(fixtureState(objects), ctx);

describe('images-pinned-from-cluster-ecr', () => {
  it('passes mirrored upstream images, service images and digest-only references', () => {
    expect(
      check(
        deployment(`${ECR}/quay/argoproj/argo-rollouts:v1.8.3`, `${ECR}/tradesense/order-gateway:3.14.2`, `${ECR}/k8s/kubectl@${DIGEST}`),
      ),
    ).toEqual([]);
  });

  it.each([
    [`/${ECR}/quay/argoproj/argo-rollouts:v1.8.3`, /is no valid image reference \(the repository path has an empty segment/],
    ['curlimages/curl:8.20.0', /names no registry/],
    ['quay.io/argoproj/argo-rollouts:v1.8.3', /is not from the cluster's ECR/],
    [`${ECR.replace('210987654321', '999999999999')}/quay/app:1.0`, /is not from the cluster's ECR/],
    [`${ECR}/unknown-prefix/app:1.0`, /is not from the cluster's ECR/],
    [`${ECR}/quay:1.0`, /is not from the cluster's ECR/],
    [`${ECR}/quay/app`, /has neither a tag nor a digest/],
    [`${ECR}/quay/app:latest`, /is pinned to :latest/],
  ])('fails %s', (image, why) => {
    const [v] = check(deployment(image));
    expect(v?.where).toBe('argo-rollouts#Deployment/argo-rollouts/controller');
    expect(v?.detail).toMatch(why);
  });

  it('reads Rollouts, CronJobs, init and ephemeral containers', () => {
    const rollout = stateObject({
      application: 'svc',
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      name: 'r',
      body: { spec: { template: { spec: { containers: [{ name: 'app', image: 'app:1' }] } } } },
    });
    const cron = stateObject({
      application: 'janitor',
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      name: 'j',
      body: {
        spec: {
          jobTemplate: {
            spec: {
              template: {
                spec: {
                  containers: [],
                  initContainers: [{ name: 'init', image: 'a/b:latest' }],
                  ephemeralContainers: [{ name: 'debug', image: 'busybox' }],
                },
              },
            },
          },
        },
      },
    });
    const found = check(rollout, cron).map((v) => v.detail);
    expect(found[0]).toMatch(/container app image 'app:1' names no registry/);
    expect(found[1]).toMatch(/container init image 'a\/b:latest'.*; container debug image 'busybox'/);
  });

  it('reads the images operator resources name, and fails an unset image the operator would take from upstream', () => {
    const prometheus = (spec: Record<string, unknown>) =>
      stateObject({
        application: 'kps',
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'Prometheus',
        name: 'p',
        namespace: 'monitoring',
        body: { spec },
      });
    expect(check(prometheus({ image: `${ECR}/quay/prometheus/prometheus:v3.13.1` }))).toEqual([]);
    expect(check(prometheus({}))[0]?.detail).toMatch(/spec\.image is unset: the operator falls back to its upstream default image/);
    expect(
      check(
        prometheus({ image: `${ECR}/quay/prometheus/prometheus:v3.13.1`, containers: [{ name: 'sidecar', image: 'quay.io/x/y:1' }] }),
      )[0]?.detail,
    ).toMatch(/spec\.containers\[0\]\.image/);
    const instrumentation = stateObject({
      application: 'apm',
      apiVersion: 'opentelemetry.io/v1alpha1',
      kind: 'Instrumentation',
      name: 'i',
      body: { spec: { java: { image: 'ghcr.io/open-telemetry/java:2.20.1' } } },
    });
    expect(check(instrumentation)[0]?.detail).toMatch(/spec\.java\.image image 'ghcr\.io/);
  });

  it("reads images operators are configured to inject (Chaos Mesh's pause image)", () => {
    const controller = stateObject({
      application: 'chaos-mesh',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'chaos-controller-manager',
      body: {
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'cm',
                  image: `${ECR}/ghcr/chaos-mesh/chaos-mesh:v2.8.2`,
                  env: [{ name: 'POD_FAILURE_PAUSE_IMAGE', value: 'gcr.io/google-containers/pause:latest' }],
                },
              ],
            },
          },
        },
      },
    });
    expect(check(controller)[0]?.detail).toMatch(
      /container cm env POD_FAILURE_PAUSE_IMAGE image 'gcr\.io\/google-containers\/pause:latest' is not from the cluster's ECR/,
    );
  });
});
