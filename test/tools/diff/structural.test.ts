import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { diffTrees } from '../../../tools/diff/diff.js';
import { excerpt, lineHunk } from '../../../tools/diff/markdown-text.js';
import { renderMarkdown } from '../../../tools/diff/markdown.js';
import { policyDelta } from '../../../tools/diff/policy-delta.js';
import { buildReport } from '../../../tools/diff/report.js';
import { formatPath, structuralChanges } from '../../../tools/diff/structural.js';
import type { SynthTree } from '../../../tools/diff/tree.js';

const STACK = 'prod-us-east-1-security';
const tree = (resource: Record<string, Record<string, Record<string, unknown>>>): SynthTree => ({
  stacks: [{ name: STACK, json: { resource } }],
  clusters: [],
});
const manifests = (yaml: string): SynthTree => ({
  stacks: [],
  clusters: [{ dir: 'prod/us-east-1', files: new Map([['falco.k8s.yaml', yaml]]) }],
});
const markdownOf = (base: SynthTree, head: SynthTree) =>
  renderMarkdown(
    buildReport({
      base: { ref: 'main', sha: 'f'.repeat(40) },
      diff: diffTrees(base, head),
      policy: policyDelta([], []),
      cost: { available: false, reason: 'not priced here' },
      allowDestroy: false,
    }),
  );

const statement = (sid: string, actions: string[]) => ({
  Sid: sid,
  Effect: 'Allow',
  Action: actions,
  Resource: `arn:aws:s3:::tradesense-prod-${sid.toLowerCase()}/*`,
});
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const rolePolicy = (text: string) => tree({ aws_iam_role_policy: { orders: { name: 'orders-reader', role: 'orders', policy: text } } });

describe('JSON inside string attributes', () => {
  const before = policy(statement('AuditLogs', ['s3:GetObject']), statement('ReadOrders', ['s3:GetObject']));
  const after = policy(statement('AuditLogs', ['s3:GetObject']), statement('ReadOrders', ['s3:GetObject', 's3:PutObject']));

  it('diffs an IAM policy structurally and names the changed path', () => {
    const [change] = diffTrees(rolePolicy(before), rolePolicy(after)).targets[0]?.resources ?? [];
    expect(change).toMatchObject({ address: 'aws_iam_role_policy.orders', action: 'update' });
    expect(change?.changes).toEqual([
      { path: 'policy<json>.Statement[Sid=ReadOrders].Action.1', kind: 'CREATE', after: 's3:PutObject', forcesReplacement: false },
    ]);
  });

  it('shows the changed key in the comment, not the same cut prefix on both sides', () => {
    const markdown = markdownOf(rolePolicy(before), rolePolicy(after));
    expect(markdown).toContain('+ policy<json>.Statement[Sid=ReadOrders].Action.1: "s3:PutObject"');
    expect(markdown).not.toContain('{"Version":"2012-10-17","Statement":[{"Sid":"AuditLogs"');
  });

  it('treats a change inside a force-new attribute as a change of that attribute', () => {
    const group = (rules: object) => tree({ aws_cloudwatch_event_rule: { r: { name: JSON.stringify(rules) } } });
    const [change] = diffTrees(group({ a: 1 }), group({ a: 2 })).targets[0]?.resources ?? [];
    expect(change).toMatchObject({ action: 'replace', changes: [{ path: 'name<json>.a', forcesReplacement: true }] });
  });

  it('parses JSON holding Terraform interpolations with quotes', () => {
    const doc = (port: string) =>
      `{"schemaVersion":"1.0","properties":{"host":"\${replace(data.terraform_remote_state.c.outputs.endpoint, "https://", "")}","portNumber":"${port}"}}`;
    const changes = structuralChanges({ content: doc('443') }, { content: doc('8443') });
    expect(changes.map((c) => `${formatPath(c.path)} ${String(c.before)} -> ${String(c.after)}`)).toEqual([
      'content<json>.properties.portNumber 443 -> 8443',
    ]);
  });
});

describe('arrays of named things', () => {
  it('matches IAM statements by Sid: a reorder is no change', () => {
    const a = policy(statement('AuditLogs', ['s3:GetObject']), statement('ReadOrders', ['s3:GetObject']));
    const b = policy(statement('ReadOrders', ['s3:GetObject']), statement('AuditLogs', ['s3:GetObject']));
    expect(diffTrees(rolePolicy(a), rolePolicy(b)).targets).toEqual([]);
    expect(markdownOf(rolePolicy(a), rolePolicy(b))).toMatch(/No change/);
  });

  it('matches containers and env vars by name, tags by Key', () => {
    const container = (name: string, env: Record<string, string>) => ({
      name,
      image: `${name}:1`,
      env: Object.entries(env).map(([k, v]) => ({ name: k, value: v })),
    });
    const before = {
      spec: { containers: [container('app', { A: '1', B: '2' }), container('proxy', {})] },
      Tags: [
        { Key: 'Team', Value: 'risk' },
        { Key: 'Env', Value: 'prod' },
      ],
    };
    const after = {
      spec: { containers: [container('proxy', {}), container('app', { B: '3', A: '1' })] },
      Tags: [
        { Key: 'Env', Value: 'prod' },
        { Key: 'Team', Value: 'risk' },
      ],
    };
    expect(structuralChanges(before, after).map((c) => formatPath(c.path))).toEqual(['spec.containers[name=app].env[name=B].value']);
  });

  it('still reports a new order where order decides: init containers, Istio routes', () => {
    const init = (...names: string[]) => ({ spec: { initContainers: names.map((name) => ({ name, image: `${name}:1` })) } });
    expect(structuralChanges(init('wait-db', 'migrate'), init('migrate', 'wait-db'))).toEqual([
      { path: ['spec', 'initContainers', { order: true }], kind: 'CHANGE', before: 'wait-db, migrate', after: 'migrate, wait-db' },
    ]);
    const routes = (...names: string[]) => ({ spec: { http: names.map((name) => ({ name, route: [{ destination: { host: name } }] })) } });
    expect(structuralChanges(routes('canary', 'stable'), routes('stable', 'canary')).map((c) => formatPath(c.path))).toEqual([
      'spec.http<order>',
    ]);
    // An added route keeps the order of the others: only the addition is reported.
    expect(structuralChanges(routes('canary', 'stable'), routes('canary', 'mirror', 'stable')).map((c) => formatPath(c.path))).toEqual([
      'spec.http[name=mirror]',
    ]);
  });

  it('reports an added and a removed named element whole, by name', () => {
    const changes = structuralChanges(
      {
        rules: [
          { name: 'a', x: 1 },
          { name: 'b', x: 2 },
        ],
      },
      {
        rules: [
          { name: 'b', x: 2 },
          { name: 'c', x: 3 },
        ],
      },
    );
    expect(changes.map((c) => [c.kind, formatPath(c.path)])).toEqual([
      ['REMOVE', 'rules[name=a]'],
      ['CREATE', 'rules[name=c]'],
    ]);
  });

  it('keeps arrays positional when elements have no unique name', () => {
    const changes = structuralChanges({ cidrs: ['10.0.0.0/16', '10.1.0.0/16'] }, { cidrs: ['10.1.0.0/16', '10.0.0.0/16'] });
    expect(changes.map((c) => formatPath(c.path))).toEqual(['cidrs.0', 'cidrs.1']);
    const duplicate = structuralChanges(
      {
        m: [
          { name: 'x', v: 1 },
          { name: 'x', v: 2 },
        ],
      },
      {
        m: [
          { name: 'x', v: 2 },
          { name: 'x', v: 1 },
        ],
      },
    );
    expect(duplicate.map((c) => formatPath(c.path))).toEqual(['m.0.v', 'm.1.v']);
  });
});

describe('YAML inside string attributes (Falco rules in Helm values)', () => {
  const rules = (condition: string, order: 'list-first' | 'rule-first') => {
    const list = { list: 'ts_shell_binaries', items: ['bash', 'sh'] };
    const rule = { rule: 'Shell in trading container', condition, output: 'shell (user=%user.name)', priority: 'WARNING' };
    return dump(order === 'list-first' ? [list, rule] : [rule, list]);
  };
  const application = (text: string) =>
    dump({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'falco', namespace: 'argocd' },
      spec: { source: { helm: { valuesObject: { customRules: { 'tradesense-rules.yaml': text } } } } },
    });

  it('names the changed rule by its name, through the YAML document', () => {
    const d = diffTrees(
      manifests(application(rules('spawned_process and container', 'list-first'))),
      manifests(application(rules('spawned_process and container and proc.tty != 0', 'list-first'))),
    );
    expect(d.targets[0]?.objects[0]?.changes.map((c) => c.path)).toEqual([
      'spec.source.helm.valuesObject.customRules["tradesense-rules.yaml"]<yaml>[rule="Shell in trading container"].condition',
    ]);
  });

  it('reads reordered Falco entries (mixed rule/list keys) as no change', () => {
    expect(diffTrees(manifests(application(rules('x', 'list-first'))), manifests(application(rules('x', 'rule-first')))).targets).toEqual(
      [],
    );
  });
});

describe('text that is not a document', () => {
  it('cuts a long line around the difference', () => {
    const prefix = 'filter '.repeat(40);
    const e = excerpt(`${prefix}($.eventName = CreateTrail)`, `${prefix}($.eventName = DeleteTrail)`);
    expect(e.before).toMatch(/Create/);
    expect(e.after).toMatch(/Delete/);
    expect(e.before).not.toBe(e.after);
  });

  it('shows the changed lines of a multi-line text', () => {
    const rego = (limit: number) =>
      ['package tsrequests', '', 'violation[{"msg": msg}] {', `  input.limit > ${limit}`, '  msg := "too much"', '}'].join('\n');
    expect(lineHunk(rego(4), rego(8))).toEqual(['#   from line 4:', '-       input.limit > 4', '+       input.limit > 8']);
  });
});
