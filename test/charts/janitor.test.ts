import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DELETION_POLICY } from '../../charts/janitor/deletion-policy.js';
import { janitorScript, PREVIEW_LABEL } from '../../charts/janitor/janitor.js';
import { platformConfig } from '../support/platform.js';
import { validateObject } from '../support/manifest-validation.js';
import { clusterAt, objectsOf } from '../support/manifests.js';

const objects = objectsOf(clusterAt('prod/us-east-1'))
  .filter((o) => o.file === 'janitor.k8s.yaml')
  .map((o) => o.object as any);
const cronJob = objects.find((o) => o.kind === 'CronJob');
const pod = cronJob.spec.jobTemplate.spec.template.spec;
const [container] = pod.containers;

describe('janitor chart', () => {
  test('a namespace, a service account, RBAC limited to namespaces and jobs, and a CronJob', () => {
    expect(objects.map((o) => o.kind).sort()).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'CronJob',
      'Namespace',
      'ServiceAccount',
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionPolicyBinding',
    ]);
    const role = objects.find((o) => o.kind === 'ClusterRole');
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'delete'] },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'delete'] },
    ]);
    expect(pod.serviceAccountName).toBe('janitor');
    expect(objects.find((o) => o.kind === 'ClusterRoleBinding').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'janitor', namespace: 'janitor' },
    ]);
  });

  test('the container is non-root, read-only, unprivileged, drops every capability and is bounded', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } });
  });

  test('the image is the official kubectl image through the cluster ECR (k8s cache), pinned by tag and digest', () => {
    // bitnami/kubectl:1.33.4 no longer exists on Docker Hub: every pull of it failed.
    expect(container.image).not.toMatch(/bitnami/);
    expect(container.image.startsWith(`${clusterAt('prod/us-east-1').view.facts.ecrRegistry}/k8s/kubectl:`)).toBe(true);
    expect(container.image).toMatch(/\/k8s\/kubectl:v1\.33\.\d+@sha256:[0-9a-f]{64}$/);
    // Its entrypoint is kubectl: the sweep runs through bash, which the image ships.
    expect(container.command[0]).toBe('/bin/bash');
  });

  test("the CronJob's Jobs carry the taxonomy labels (Gatekeeper admits Jobs on their own)", () => {
    const required = platformConfig().tagTaxonomy.map((t) => t.label);
    expect(Object.keys(cronJob.spec.jobTemplate.metadata.labels).sort()).toEqual([...required].sort());
  });

  test('a ValidatingAdmissionPolicy lets the janitor delete only preview namespaces and finished Jobs', () => {
    const policy = objects.find((o) => o.kind === 'ValidatingAdmissionPolicy');
    expect(policy.metadata.name).toBe(DELETION_POLICY);
    expect(policy.spec.failurePolicy).toBe('Fail');
    expect(policy.spec.matchConditions).toEqual([
      { name: 'janitor-service-account', expression: "request.userInfo.username == 'system:serviceaccount:janitor:janitor'" },
    ]);
    expect(policy.spec.matchConstraints.resourceRules.map((r: any) => `${r.operations}:${r.resources}`)).toEqual([
      'DELETE:namespaces',
      'DELETE:jobs',
    ]);
    const expressions = policy.spec.validations.map((v: any) => v.expression).join('\n');
    expect(expressions).toContain(`oldObject.metadata.labels['${PREVIEW_LABEL}'] == 'true'`);
    expect(expressions).toContain("oldObject.metadata.name.startsWith('kube-')");
    expect(expressions).toContain('has(oldObject.status.completionTime)');
    const binding = objects.find((o) => o.kind === 'ValidatingAdmissionPolicyBinding');
    expect(binding.spec).toEqual({ policyName: DELETION_POLICY, validationActions: ['Deny'] });
  });

  test('its own jobs expire and never overlap', () => {
    expect(cronJob.spec).toMatchObject({ concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 1 });
    expect(cronJob.spec.jobTemplate.spec.ttlSecondsAfterFinished).toBe(86_400);
  });

  test('every object validates against its schema', async () => {
    for (const object of objects) expect(await validateObject(object)).toEqual([]);
  });
});

/** Runs the sweep against a fake kubectl that serves canned listings and records deletions. */
function runSweep(namespaces: string, jobs: string, now: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'janitor-'));
  const log = join(dir, 'deleted');
  writeFileSync(join(dir, 'namespaces'), namespaces);
  writeFileSync(join(dir, 'jobs'), jobs);
  writeFileSync(
    join(dir, 'kubectl'),
    [
      '#!/bin/bash',
      `if [ "$1" = get ] && [ "$2" = namespaces ]; then cat ${dir}/namespaces; fi`,
      `if [ "$1" = get ] && [ "$2" = jobs ]; then cat ${dir}/jobs; fi`,
      `if [ "$1" = delete ]; then echo "$*" >> ${log}; fi`,
    ].join('\n'),
    { mode: 0o755 },
  );
  // A fake `date +%s` pins "now"; `date -d` still parses timestamps.
  writeFileSync(join(dir, 'date'), `#!/bin/bash\nif [ "$1" = +%s ]; then /bin/date -d '${now}' +%s; else /bin/date "$@"; fi\n`, {
    mode: 0o755,
  });
  execFileSync('/bin/bash', ['-c', janitorScript(72, 86_400)], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: 'utf8' });
  try {
    return execFileSync('cat', [log], { encoding: 'utf8' }).trim().split('\n');
  } catch {
    return [];
  }
}

describe('janitor sweep script', () => {
  const namespaces = [
    'preview-pr-101|2026-11-20T00:00:00Z|24',
    'preview-pr-102|2026-11-22T12:00:00Z|48',
    'preview-pr-103|2026-11-19T00:00:00Z|',
    'kube-system|2026-01-01T00:00:00Z|1',
  ].join('\n');
  const jobs = [
    'team-risk|backfill|2026-11-21T00:00:00Z||',
    'team-risk|report|2026-11-21T00:00:00Z|3600|',
    'team-trading|nightly-123|2026-11-20T00:00:00Z||CronJob',
    'team-trading|migrate|2026-11-22T23:00:00Z||',
  ].join('\n');

  test('deletes expired preview namespaces (own TTL or the default) and old finished jobs without a TTL', () => {
    expect(runSweep(namespaces, jobs, '2026-11-23T00:00:00Z')).toEqual([
      'delete namespace preview-pr-101 --wait=false',
      'delete namespace preview-pr-103 --wait=false',
      'delete job -n team-risk backfill --cascade=background',
    ]);
  });

  test('deletes nothing while everything is within its TTL', () => {
    expect(runSweep(namespaces, jobs, '2026-11-20T06:00:00Z')).toEqual([]);
  });
});
