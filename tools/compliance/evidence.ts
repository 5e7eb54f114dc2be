import { loadAll } from 'js-yaml';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { PACKS } from '../../policies/catalog.js';
import { evaluatePolicies } from '../../policies/engine.js';
import { OUTPUT_CHECKS } from '../synth/checks.js';
import type { SynthOutput } from '../synth/output.js';

/** A guardrail of the catalog as the report shows it. */
export interface GuardrailEvidence {
  readonly id: string;
  readonly title: string;
  readonly pack: string;
  readonly severity: string;
  /** Terraform types the rule reads, or undefined for Kubernetes rules. */
  readonly types?: readonly string[];
  readonly resources: number;
  readonly violations: number;
}

/** Everything the report looks up, computed once from one synth output. */
export interface Evidence {
  readonly guardrails: ReadonlyMap<string, GuardrailEvidence>;
  /** `stack/type.name` addresses by Terraform type. */
  readonly resources: ReadonlyMap<string, readonly string[]>;
  /** `env/region/file#Kind/ns/name` by `group/Kind`. */
  readonly manifests: ReadonlyMap<string, readonly string[]>;
  /** Registered synth checks: what each covered and how many errors it found. */
  readonly checks: ReadonlyMap<string, { covered: string; errors: number }>;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}

function manifestIndex(output: SynthOutput): Map<string, string[]> {
  const byKind = new Map<string, string[]>();
  for (const cluster of output.clusters) {
    for (const [file, text] of cluster.files) {
      for (const doc of loadAll(text)) {
        const o = doc as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | null;
        if (!o?.kind || !o.apiVersion) continue;
        const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : 'core';
        push(byKind, `${group}/${o.kind}`, `${cluster.dir}/${file}#${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`);
      }
    }
  }
  return byKind;
}

export function gatherEvidence(output: SynthOutput, config: PlatformConfig): Evidence {
  const resources = new Map<string, string[]>();
  for (const stack of output.stacks) {
    for (const [type, byName] of Object.entries(stack.json.resource ?? {})) {
      for (const name of Object.keys(byName).sort()) push(resources, type, `${stack.name}/${type}.${name}`);
    }
  }
  const violations = new Map<string, number>();
  for (const v of evaluatePolicies(output, config)) violations.set(v.rule, (violations.get(v.rule) ?? 0) + 1);
  const allResources = [...resources.values()].reduce((n, list) => n + list.length, 0);
  const workloads = output.clusters.reduce((n, c) => n + c.files.size, 0);
  const guardrails = new Map<string, GuardrailEvidence>();
  for (const pack of PACKS) {
    for (const entry of pack.entries) {
      const types = 'types' in entry.rule ? entry.rule.types : undefined;
      const count = !types
        ? workloads
        : types.includes('*')
          ? allResources
          : types.reduce((n, t) => n + (resources.get(t)?.length ?? 0), 0);
      guardrails.set(entry.rule.id, {
        id: entry.rule.id,
        title: entry.title,
        pack: pack.name,
        severity: entry.severity,
        types,
        resources: count,
        violations: violations.get(entry.rule.id) ?? 0,
      });
    }
  }
  const covered: Record<string, string> = {
    'policy-catalog': 'the whole synth output',
    'version-support': 'config against the AWS support calendars',
  };
  const checks = new Map(
    Object.keys(OUTPUT_CHECKS)
      .sort()
      .map((name) => {
        const errors = (OUTPUT_CHECKS[name]?.(output, config) ?? []).filter((f) => f.severity === 'error').length;
        return [name, { covered: covered[name] ?? 'the whole synth output', errors }];
      }),
  );
  return { guardrails, resources, manifests: manifestIndex(output), checks };
}
