import { describe, expect, it } from 'vitest';
import { fromRegistry, isImageReference, parseImageReference, repositoryOf } from '../../policies/k8s/image-reference.js';

const ECR = '410987654321.dkr.ecr.us-east-1.amazonaws.com';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('parseImageReference (distribution/reference grammar)', () => {
  it.each([
    [`${ECR}/quay/argoproj/argo-rollouts:v1.8.3`, { domain: ECR, path: 'quay/argoproj/argo-rollouts', tag: 'v1.8.3' }],
    [`${ECR}/k8s/kubectl:v1.33.3@${DIGEST}`, { domain: ECR, path: 'k8s/kubectl', tag: 'v1.33.3', digest: DIGEST }],
    [`registry:5000/app@${DIGEST}`, { domain: 'registry:5000', path: 'app', digest: DIGEST }],
    ['localhost/app:1', { domain: 'localhost', path: 'app', tag: '1' }],
    ['library/redis:7.2', { path: 'library/redis', tag: '7.2' }],
    ['redis', { path: 'redis' }],
  ])('parses %s', (image, parts) => {
    expect(parseImageReference(image)).toEqual(parts);
  });

  it.each([
    [`/${ECR}/quay/argoproj/argo-rollouts:v1.8.3`, /empty segment/],
    [`${ECR}//app:1`, /empty segment/],
    [`${ECR}/Quay/app:1`, /no valid repository path segment/],
    [`${ECR}/app:-1`, /no valid tag/],
    [`${ECR}/app@sha256:abc`, /no digest|64 hex digits/],
    [`${ECR}/app@sha256:${'a'.repeat(63)}`, /no digest|64 hex digits/],
    ['bad_host:99x/app:1', /no valid registry host|no valid tag/],
    ['', /empty/],
  ])('rejects %s', (image, why) => {
    const parsed = parseImageReference(image);
    expect(isImageReference(parsed)).toBe(false);
    expect('error' in parsed && parsed.error).toMatch(why);
  });

  it('names the repository without tag or digest', () => {
    const ref = parseImageReference(`${ECR}/docker-hub/istio/proxyv2:1.28.0@${DIGEST}`);
    expect(isImageReference(ref) && repositoryOf(ref)).toBe(`${ECR}/docker-hub/istio/proxyv2`);
  });

  it('matches a registry only when a slash follows it', () => {
    expect(fromRegistry(`${ECR}/app:1`, [ECR])).toBe(true);
    expect(fromRegistry(`${ECR}.evil.com/app:1`, [ECR])).toBe(false);
  });
});
