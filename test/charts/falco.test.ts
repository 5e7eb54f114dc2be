import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { PLATFORM_COMPONENTS } from '../../charts/argocd/components.js';
import { helmValuesFor } from '../../charts/argocd/helm-values.js';
import { ALERTMANAGER_URL, CUSTOM_RULES_FILE, FALCO_COMPONENTS } from '../../charts/falco/components.js';
import { referencedNames, renderFalcoRules } from '../../charts/falco/falco-rules.js';
import { SIDEKICK_SECRET } from '../../charts/falco/falco-secrets.js';
import { tradesenseFalcoRules } from '../../charts/falco/tradesense-rules.js';
import type { RenderedCluster } from '../../charts/app.js';
import { clusterAt, findObject, renderedClusters } from '../support/manifests.js';

const [secrets, falco] = FALCO_COMPONENTS;
const valuesOf = (cluster: RenderedCluster) => (falco?.helm ? helmValuesFor(falco.helm, cluster.ctx) : {}) as any;
const rulesOf = (cluster: RenderedCluster): any[] => parse(valuesOf(cluster).customRules[CUSTOM_RULES_FILE]);
const ruleNamed = (items: any[], fragment: string) => items.find((i) => typeof i.rule === 'string' && i.rule.includes(fragment));
const prod = clusterAt('prod/us-east-1');

describe('Falco component', () => {
  test('installs a pinned chart with the modern eBPF driver', () => {
    expect(falco?.helm).toMatchObject({ chart: 'falco', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(valuesOf(prod).driver).toEqual({ kind: 'modern_ebpf' });
  });

  test('routes alerts through Falcosidekick to Alertmanager, and the severe ones to Slack via a secret', () => {
    const sidekick = valuesOf(prod).falcosidekick;
    expect(sidekick.enabled).toBe(true);
    expect(sidekick.config.alertmanager).toEqual({ hostport: ALERTMANAGER_URL, minimumpriority: 'warning' });
    expect(ALERTMANAGER_URL).toBe('http://alertmanager-operated.monitoring.svc.cluster.local:9093');
    expect(sidekick.config.slack).toEqual({ minimumpriority: 'error', outputformat: 'all' });
    expect(sidekick.config.existingSecret).toBe(SIDEKICK_SECRET);
    expect(JSON.stringify(valuesOf(prod))).not.toMatch(/hooks\.slack\.com/);
  });

  test.each(renderedClusters().map((c) => [c.dir, c] as const))('%s: syncs the Slack secret from Secrets Manager before Falco', (_dir, cluster) => {
    const secret = findObject(cluster, { kind: 'ExternalSecret', name: SIDEKICK_SECRET, namespace: 'falco' });
    expect(secret.spec).toMatchObject({
      secretStoreRef: { kind: 'ClusterSecretStore' },
      target: { name: SIDEKICK_SECRET },
      dataFrom: [{ extract: { key: `${cluster.ctx.target.envName}/falcosidekick/app` } }],
    });
    expect(secrets?.syncWave).toBeLessThan(falco?.syncWave ?? 0);
  });

  test('pulls Falco, falcoctl and Falcosidekick through the cluster ECR, at the tags of the pinned chart', () => {
    const values = valuesOf(prod);
    for (const image of [values.image, values.falcoctl.image, values.falcosidekick.image]) {
      expect(image.registry).toBe(`${prod.ctx.facts.ecrRegistry}/docker-hub`);
      expect(image.tag).toBeUndefined();
    }
  });

  test('is registered with Argo CD', () => {
    for (const c of FALCO_COMPONENTS) expect(PLATFORM_COMPONENTS).toContain(c);
  });
});

describe('TradeSense Falco rules', () => {
  const items = rulesOf(prod);
  const rules = items.filter((i) => 'rule' in i);

  test('cover the trading platform threats', () => {
    for (const fragment of ['shell spawned', 'unexpected outbound connection from order services', 'write below etc or binary', 'read of sensitive files', 'crypto miner process', 'crypto mining pool', 'interactive exec into a production pod']) {
      expect(ruleNamed(items, fragment), fragment).toBeDefined();
    }
    for (const r of rules) {
      expect(Object.keys(r).sort()).toEqual(['condition', 'desc', 'output', 'priority', 'rule', 'tags']);
      expect(['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFORMATIONAL', 'DEBUG']).toContain(r.priority);
      expect(r.tags).toContain('tradesense');
    }
  });

  test('define every list and macro a condition uses, before the rules', () => {
    const defined = new Set(items.flatMap((i) => [i.list, i.macro]).filter(Boolean));
    for (const i of items) {
      for (const name of referencedNames(i.condition ?? '')) expect(defined.has(name), `${i.rule ?? i.macro} uses ${name}`).toBe(true);
    }
    const firstRule = items.findIndex((i) => 'rule' in i);
    expect(items.slice(firstRule).every((i) => 'rule' in i)).toBe(true);
  });

  test('watch the order services by namespace and service label, allowing only their known ports', () => {
    const list = (name: string) => items.find((i) => i.list === name)?.items;
    expect(list('ts_order_namespaces')).toEqual(['team-trading']);
    expect(list('ts_order_services')).toEqual(['order-gateway']);
    expect(list('ts_order_allowed_ports')).toEqual([53, 4317, 8080, 15012, 15017]);
    expect(ruleNamed(items, 'order services').condition).toContain('k8s.pod.label[app.kubernetes.io/name] in (ts_order_services)');
  });

  test('look for sensitive files, miner names and pool domains', () => {
    const list = (name: string) => items.find((i) => i.list === name)?.items;
    expect(list('ts_sensitive_files')).toEqual(expect.arrayContaining(['/etc/shadow', '/var/run/secrets/kubernetes.io/serviceaccount/token', '/root/.aws/credentials']));
    expect(list('ts_miner_process_names')).toContain('xmrig');
    expect(list('ts_miner_pool_ports')).toContain(3333);
    expect(ruleNamed(items, 'mining pool').condition).toContain('fd.sip.name in (ts_miner_pool_domains)');
  });

  test('flag interactive exec (a TTY) in production clusters only', () => {
    expect(ruleNamed(items, 'production pod').condition).toContain('proc.tty != 0');
    for (const dir of ['dev/us-east-1', 'staging/us-east-1']) expect(ruleNamed(rulesOf(clusterAt(dir)), 'production pod')).toBeUndefined();
  });

  test('follow the services in config: no order service, no order rule', () => {
    const base = prod.ctx.config;
    const renamed = { ...base, services: base.services.map((s) => (s.name === 'order-gateway' ? { ...s, name: 'trade-gateway' } : s)) };
    expect(ruleNamed(tradesenseFalcoRules({ ...prod.ctx, config: renamed }), 'order services')).toBeUndefined();
    const second = { ...base, services: [...base.services, { ...base.services[0], name: 'order-router', team: 'risk', calls: [] } as (typeof base.services)[number]] };
    const items = tradesenseFalcoRules({ ...prod.ctx, config: second });
    expect(items.find((i) => 'list' in i && i.list === 'ts_order_namespaces')).toEqual({ list: 'ts_order_namespaces', items: ['team-risk', 'team-trading'] });
  });

  test('render lists and macros before rules, whatever the order given', () => {
    const text = renderFalcoRules([{ rule: 'r', desc: 'd', condition: '(ts_m)', output: 'o', priority: 'NOTICE', tags: [] }, { macro: 'ts_m', condition: 'evt.type = open' }]);
    expect(parse(text).map((i: any) => i.macro ?? i.rule)).toEqual(['ts_m', 'r']);
  });
});
