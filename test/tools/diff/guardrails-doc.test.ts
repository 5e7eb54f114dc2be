import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATEFUL_TYPES } from '../../../tools/diff/force-new.js';
import { MAX_COMMENT_LENGTH, SECTION_PRIORITY, STICKY_MARKER } from '../../../tools/diff/markdown.js';
import { chartLevels } from '../../../tools/diff/markdown-charts.js';
import { SHARED_BUILD_DIRS } from '../../../tools/diff/revision.js';
import { formatPath, NAME_KEYS, ORDERED_KEYS } from '../../../tools/diff/structural.js';
import { SYNTH_REPORTS } from '../../../tools/synth/reports.js';

const guardrails = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'guardrails.md'), 'utf8');
const doc = guardrails.slice(guardrails.indexOf('## Synth diff (`tools/diff/`)'), guardrails.indexOf('### Speed'));

describe('docs/guardrails.md: synth diff', () => {
  it('names the build caches the base shares', () => {
    expect(SHARED_BUILD_DIRS).toEqual(['.build/helm', '.build/helm-renders']);
    for (const dir of SHARED_BUILD_DIRS) expect(doc).toContain(`\`${dir}\``);
  });

  it('lists exactly the keys that name array elements', () => {
    const listed = /carry a name \(([^)]*)\)/.exec(doc.replace(/\s+/g, ' '))?.[1] ?? '';
    expect(new Set([...listed.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]))).toEqual(new Set(NAME_KEYS));
  });

  it('lists exactly the named arrays whose order is a change', () => {
    const listed = /where order decides \(([^)]*)\)/.exec(doc.replace(/\s+/g, ' '))?.[1] ?? '';
    expect(new Set([...listed.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]))).toEqual(new Set(ORDERED_KEYS));
    expect(formatPath(['http', { order: true }])).toBe('http<order>');
  });

  it('shows paths as the diff writes them', () => {
    expect(formatPath(['policy', { embedded: 'json' }, 'Statement', { key: 'Sid', name: 'ReadOrders' }, 'Action', 1])).toBe(
      'policy<json>.Statement[Sid=ReadOrders].Action.1',
    );
    expect(doc).toContain('`policy<json>.Statement[Sid=ReadOrders].Action.1`');
    expect(formatPath(['containers', { key: 'name', name: 'app' }, 'image'])).toBe('containers[name=app].image');
    expect(doc).toContain('`containers[name=app].image`');
  });

  it('names the stateful types that block', () => {
    for (const type of [
      'aws_db_instance',
      'aws_s3_bucket',
      'aws_kms_key',
      'aws_backup_vault',
      'aws_db_instance_automated_backups_replication',
      'aws_efs_file_system',
      'aws_eks_cluster',
      'aws_eks_node_group',
    ]) {
      expect(STATEFUL_TYPES.has(type)).toBe(true);
    }
    expect(doc).toContain('`STATEFUL_TYPES`');
  });

  it('states the comment marker, limit and the priority order of sections', () => {
    expect(doc).toContain(`\`${STICKY_MARKER}\``);
    expect(MAX_COMMENT_LENGTH).toBe(65_536);
    expect(doc).toContain('65,536-character limit');
    const order =
      'in priority order (blocking list and INCOMPLETE warning, then cost and removed stacks, policy, environments, the graph, Helm renders)';
    expect(doc.replace(/\s+/g, ' ')).toContain(order);
    const p = SECTION_PRIORITY;
    expect([p.blocking, p.incompleteCost, p.cost, p.removedStacks, p.policy, p.environments, p.graph, p.helmRenders]).toEqual([
      0, 0, 1, 1, 2, 3, 4, 5,
    ]);
  });

  it('says a side without cluster states is named, not compared', () => {
    expect(chartLevels({ available: false, reason: 'the base revision does not render Helm charts' })).toEqual([
      '### Helm renders\n\nNot compared: the base revision does not render Helm charts.',
    ]);
    expect(doc).toContain('("Not compared: ...")');
  });

  it('names the reports synth writes', () => {
    for (const report of ['stack-graph.md', 'cost-breakdown.md']) {
      expect(SYNTH_REPORTS[report]).toBeTypeOf('function');
      expect(doc).toContain(`\`dist/reports/${report}\``);
    }
  });
});
