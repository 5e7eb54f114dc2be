import type { SynthStack } from '../synth/output.js';
import { obj } from '../../policies/json.js';

/** One cross-stack reference: `to` reads outputs of `from` through a remote-state data source. */
export interface StackEdge {
  /** The producing stack (deployed first). */
  readonly from: string;
  /** The consuming stack. */
  readonly to: string;
  /** The producer's outputs the consumer reads, sorted. */
  readonly outputs: readonly string[];
}

export interface StackGraph {
  /** Every stack, sorted. */
  readonly stacks: readonly string[];
  /** Sorted by producer, then consumer. */
  readonly edges: readonly StackEdge[];
}

/** The S3 state a stack's backend writes, `bucket/key`. */
function stateOf(stack: SynthStack): string | undefined {
  const s3 = obj(obj(stack.json.terraform?.backend).s3);
  return typeof s3.key === 'string' ? `${String(s3.bucket ?? '')}/${s3.key}` : undefined;
}

/** Every `${data.terraform_remote_state.<name>.outputs.<output>}` a stack's JSON holds, per data source name. */
function outputsRead(stack: SynthStack): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>();
  const text = JSON.stringify({
    resource: stack.json.resource,
    output: stack.json.output,
    data: stack.json.data,
    locals: obj(stack.json).locals,
  });
  for (const m of text.matchAll(/data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
    const [, source = '', output = ''] = m;
    let set = reads.get(source);
    if (!set) reads.set(source, (set = new Set()));
    set.add(output);
  }
  return reads;
}

/**
 * The stacks and their cross-stack references, read from the synthesized
 * Terraform: each `terraform_remote_state` data source is matched to the stack
 * whose backend writes that state (bucket and key), else to the stack its key
 * names (`<stack>/terraform.tfstate`).
 */
export function stackDependencies(stacks: readonly SynthStack[]): StackGraph {
  const names = new Set(stacks.map((s) => s.name));
  const byState = new Map(
    stacks.flatMap((s) => {
      const state = stateOf(s);
      return state ? [[state, s.name] as const] : [];
    }),
  );
  const edges = new Map<string, StackEdge>();
  for (const stack of stacks) {
    const reads = outputsRead(stack);
    for (const [source, body] of Object.entries(stack.json.data?.terraform_remote_state ?? {})) {
      const config = obj(body.config);
      const key = typeof config.key === 'string' ? config.key : '';
      const producer = byState.get(`${String(config.bucket ?? '')}/${key}`) ?? [key.split('/')[0] ?? ''].find((n) => names.has(n));
      if (!producer || producer === stack.name) continue;
      const id = `${producer}\u0000${stack.name}`;
      const outputs = new Set([...(edges.get(id)?.outputs ?? []), ...(reads.get(source) ?? [])]);
      edges.set(id, { from: producer, to: stack.name, outputs: [...outputs].sort() });
    }
  }
  return {
    stacks: [...names].sort(),
    edges: [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
  };
}
