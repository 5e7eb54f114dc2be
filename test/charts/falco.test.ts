import { describe, expect, test } from 'vitest';
import { load } from 'js-yaml';
import { PLATFORM_COMPONENTS } from '../../charts/components.js';
import { helmValuesFor } from '../../charts/argocd/helm-values.js';
import { ALERTMANAGER_URL, CUSTOM_RULES_FILE, FALCO_COMPONENTS } from '../../charts/falco/components.js';
import { referencedNames, renderFalcoRules } from '../../charts/falco/falco-rules.js';
import { SIDEKICK_SECRET } from '../../charts/falco/names.js';
import { tradesenseFalcoRules } from '../../charts/falco/tradesense-rules.js';
import { databasePeers } from '../../charts/network-policies/database-peers.js';
import type { RenderedCluster } from '../../charts/app.js';
import { clusterAt, findObject, renderedClusters } from '../support/manifests.js';

const [secrets, falco] = FALCO_COMPONENTS;
const valuesOf = (cluster: RenderedCluster) => (falco?.helm ? helmValuesFor(falco.helm, cluster.view) : {}) as any;
const rulesOf = (cluster: RenderedCluster): any[] => load(valuesOf(cluster).customRules[CUSTOM_RULES_FILE]) as any[];
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

  test.each(renderedClusters().map((c) => [c.dir, c] as const))(
    '%s: syncs the Slack secret from Secrets Manager before Falco',
    (_dir, cluster) => {
      const secret = findObject(cluster, { kind: 'ExternalSecret', name: SIDEKICK_SECRET, namespace: 'falco' });
      expect(secret.spec).toMatchObject({
        secretStoreRef: { kind: 'ClusterSecretStore' },
        target: { name: SIDEKICK_SECRET },
        dataFrom: [{ extract: { key: `${cluster.view.envName}/falcosidekick/app` } }],
      });
      expect(secrets?.syncWave).toBeLessThan(falco?.syncWave ?? 0);
    },
  );

  test('pulls Falco, falcoctl and Falcosidekick through the cluster ECR, at the tags of the pinned chart', () => {
    const values = valuesOf(prod);
    for (const image of [values.image, values.falcoctl.image, values.falcosidekick.image]) {
      expect(image.registry).toBe(`${prod.view.facts.ecrRegistry}/docker-hub`);
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
    for (const fragment of [
      'shell spawned',
      'unexpected outbound connection from order services',
      'write below etc or binary',
      'read of sensitive files',
      'crypto miner process',
      'crypto mining pool',
      'interactive exec into a production pod',
    ]) {
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

  test('watch the order-path services (config services[].orderPath) by namespace and service label, allowing only their known ports', () => {
    const list = (name: string) => items.find((i) => i.list === name)?.items;
    expect(list('ts_order_namespaces')).toEqual(['team-risk', 'team-trading']);
    expect(list('ts_order_services')).toEqual(['order-gateway', 'risk-engine']);
    expect(list('ts_order_allowed_ports')).toEqual([53, 8080, 15012, 15017]);
    expect(ruleNamed(items, 'order services').condition).toContain('k8s.pod.label[app.kubernetes.io/name] in (ts_order_services)');
    expect(ruleNamed(items, 'order services').condition).toContain('not (ts_order_expected_connect)');
  });

  test('allow OTLP exports to the collector precisely: its ports, at its own addresses only (the old rule fired on every 4318 export)', () => {
    const list = (name: string) => items.find((i) => i.list === name)?.items;
    const macro = (name: string) => items.find((i) => i.macro === name)?.condition;
    // The endpoint the services' Instrumentation exports to (apm.k8s.yaml), and the mesh's tracing provider.
    const instrumentation = findObject(prod, { kind: 'Instrumentation', name: 'tradesense' }).spec as { exporter: { endpoint: string } };
    const [, host, port] = /^http:\/\/([^:]+):(\d+)$/.exec(instrumentation.exporter.endpoint) ?? [];
    expect(list('ts_otlp_collector_hosts')).toEqual([host, 'tradesense-collector-headless.observability.svc.cluster.local']);
    expect(list('ts_otlp_collector_ports')).toEqual([4317, 4318]);
    expect(list('ts_otlp_collector_ports')).toContain(Number(port));
    expect(list('ts_order_allowed_ports')).not.toContain(Number(port));
    expect(macro('ts_otlp_export')).toBe('fd.sport in (ts_otlp_collector_ports) and fd.sip.name in (ts_otlp_collector_hosts)');
    expect(macro('ts_order_expected_connect')).toContain('(ts_otlp_export)');
  });

  test('allow a stateful order service its database, on the database port and the isolated subnets only', () => {
    const list = (name: string) => items.find((i) => i.list === name)?.items;
    expect(list('ts_order_database_networks')).toEqual(['10.30.224.0/21', '10.30.232.0/21', '10.30.240.0/21']);
    expect(items.find((i) => i.macro === 'ts_order_database_connect')?.condition).toBe(
      'fd.sport = 5432 and fd.snet in (ts_order_database_networks)',
    );
  });

  test('look for sensitive files, miner names and pool domains', () => {
    const list = (name: string) => items.find((i) => i.list === name)?.items;
    expect(list('ts_sensitive_files')).toEqual(
      expect.arrayContaining(['/etc/shadow', '/var/run/secrets/kubernetes.io/serviceaccount/token', '/root/.aws/credentials']),
    );
    expect(list('ts_miner_process_names')).toContain('xmrig');
    expect(list('ts_miner_pool_ports')).toContain(3333);
    expect(ruleNamed(items, 'mining pool').condition).toContain('fd.sip.name in (ts_miner_pool_domains)');
  });

  test('flag interactive exec (a TTY) in production clusters only', () => {
    expect(ruleNamed(items, 'production pod').condition).toContain('proc.tty != 0');
    for (const dir of ['dev/us-east-1', 'staging/us-east-1']) expect(ruleNamed(rulesOf(clusterAt(dir)), 'production pod')).toBeUndefined();
  });

  test('follow the services in config: no order-path service, no order rule; the flag, not the name, decides', () => {
    const database = databasePeers(prod.view.database, prod.view.vpcCidr);
    expect(database).toBeDefined();
    const base = {
      tier: prod.view.tier,
      services: prod.view.services,
      tracing: prod.view.gitops.tracing,
      ...(database ? { database } : {}),
    };
    const none = { ...base, services: base.services.map((s) => ({ ...s, orderPath: false })) };
    expect(ruleNamed(tradesenseFalcoRules(none), 'order services')).toBeUndefined();
    const renamed = {
      ...base,
      services: base.services.map((s) => (s.name === 'order-gateway' ? { ...s, name: 'trade-gateway' } : { ...s, orderPath: false })),
    };
    const items = tradesenseFalcoRules(renamed);
    expect(items.find((i) => 'list' in i && i.list === 'ts_order_services')).toEqual({
      list: 'ts_order_services',
      items: ['trade-gateway'],
    });
    // No stateful order service: no database allowance.
    expect(items.find((i) => 'macro' in i && i.macro === 'ts_order_database_connect')).toBeUndefined();
  });

  test('render lists and macros before rules, whatever the order given', () => {
    const text = renderFalcoRules([
      { rule: 'r', desc: 'd', condition: '(ts_m)', output: 'o', priority: 'NOTICE', tags: [] },
      { macro: 'ts_m', condition: 'evt.type = open' },
    ]);
    expect((load(text) as any[]).map((i: any) => i.macro ?? i.rule)).toEqual(['ts_m', 'r']);
  });
});
