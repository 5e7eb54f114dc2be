import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CI_TUNNEL_TAG, clusterFacts } from '../../config/derive/facts.js';
import { clusterTargets } from '../../config/derive/targets.js';
import { DEPLOY_SESSION_SECONDS, READ_ONLY_SESSION_SECONDS } from '../../stacks/ci-access.js';
import { platformConfig } from '../support/platform.js';
import { loadWorkflow, ROOT, type Job } from './workflows.js';

const TUNNEL_SCRIPT = '.github/scripts/eks-tunnel.sh';
const script = readFileSync(join(ROOT, TUNNEL_SCRIPT), 'utf8');

/** Jobs whose steps talk to a cluster API (kubectl), with their workflow. */
const kubectlJobs = ['deploy-environment.yml', 'load-test.yml'].flatMap((file) =>
  Object.entries(loadWorkflow(file).jobs)
    .filter(([, job]) => (job.steps ?? []).some((s) => /\bkubectl\b/.test(s.run ?? '')))
    .map(([id, job]) => ({ where: `${file}#${id}`, job })),
);

describe('CI reaches the private EKS endpoints through the SSM tunnels', () => {
  it('finds the jobs that call kubectl (post-deploy checks, load tests)', () => {
    expect(kubectlJobs.map((j) => j.where).sort()).toEqual(['deploy-environment.yml#deploy', 'load-test.yml#k6']);
  });

  it.each(kubectlJobs)('$where opens the cluster tunnel before its first kubectl, and never targets the endpoint directly', ({ job }) => {
    const runs = (job.steps ?? []).map((s) => s.run ?? '').join('\n');
    const tunnel = runs.indexOf(TUNNEL_SCRIPT);
    expect(tunnel).toBeGreaterThanOrEqual(0);
    expect(tunnel).toBeLessThan(runs.search(/\bkubectl\b/));
    // update-kubeconfig alone points kubectl at the private endpoint, unreachable from a hosted runner.
    expect(runs).not.toMatch(/aws eks update-kubeconfig/);
  });

  it('the script finds the tunnel by the tag and opens the Session document the stacks create', () => {
    expect(script).toContain(`tunnel_tag="${CI_TUNNEL_TAG}"`);
    const config = platformConfig();
    for (const target of clusterTargets(config)) {
      const facts = clusterFacts(config, target);
      // The script derives the document from the cluster name exactly as the facts do.
      expect(facts.ciTunnel.documentName).toBe(`${facts.clusterName}-ci-tunnel`);
    }
    expect(script).toContain(`document="$${'{'}cluster}-ci-tunnel"`);
    expect(script).toMatch(/--tls-server-name "\$\{endpoint#https:\/\/\}"/);
  });
});

describe('CI credentials outlast their jobs', () => {
  const assumed = (file: string, id: string, maxSession: number) => {
    const job = loadWorkflow(file).jobs[id] as Job & { 'timeout-minutes'?: number };
    const aws = (job.steps ?? []).find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    return { timeout: Number(job['timeout-minutes']), duration: Number(aws?.with?.['role-duration-seconds'] ?? 3600), maxSession };
  };

  it.each([
    ['deploy-environment.yml', 'deploy', DEPLOY_SESSION_SECONDS],
    ['deploy-stack.yml', 'apply', DEPLOY_SESSION_SECONDS],
    ['deploy-verify-stack.yml', 'verify', READ_ONLY_SESSION_SECONDS],
    ['load-test.yml', 'k6', READ_ONLY_SESSION_SECONDS],
    ['drift-stack.yml', 'plan', READ_ONLY_SESSION_SECONDS],
  ])('%s#%s asks for a session at least as long as its timeout, within the role maximum', (file, id, max) => {
    const { timeout, duration, maxSession } = assumed(file, id, max);
    expect(timeout).toBeGreaterThan(0);
    expect(duration).toBeGreaterThanOrEqual(timeout * 60);
    expect(duration).toBeLessThanOrEqual(maxSession);
  });
});
