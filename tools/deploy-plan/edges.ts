import { blocksOf, literal, text, type Body } from '../../policies/terraform.js';
import type { SynthStack } from '../synth/output.js';
import type { SynthesizedStack } from './synth-output.js';

/** Why one stack applies after another. */
export type EdgeReason =
  /** It reads the other's outputs through `terraform_remote_state` (a cdktf cross-stack reference). */
  | 'reads-outputs'
  /** cdktf recorded a dependency (`addDependency`) without a reference. */
  | 'declared-dependency'
  /** Its state lives in the bucket the other creates. */
  | 'state-bucket'
  /** The other holds what only an administrator applies (CI roles, permissions boundary) and gates the environment. */
  | 'administrator-gate';

/** `stack` applies after `after`. */
export interface Edge {
  readonly stack: string;
  readonly after: string;
  readonly reason: EdgeReason;
  /** Where the edge was read: `data.terraform_remote_state.<name>`, `manifest.json`, `terraform.backend.s3`. */
  readonly source: string;
}

const s3Backend = (stack: SynthStack): Body | undefined => ((stack.json.terraform?.backend ?? {}) as Record<string, Body>).s3;

/** `bucket/key` of a stack's S3 backend: where its state, and so its outputs, live. */
export function stateObjectOf(stack: SynthStack): string | undefined {
  const backend = s3Backend(stack);
  return backend ? `${text(backend.bucket)}/${text(backend.key)}` : undefined;
}

/** The S3 state objects a stack reads: cdktf writes each cross-stack reference as a `terraform_remote_state` data source. */
export function remoteStateReads(stack: SynthStack): { address: string; object: string }[] {
  return blocksOf(stack, 'data')
    .filter(([type, , body]) => type === 'terraform_remote_state' && body.backend === 's3')
    .map(([type, name, body]) => {
      const config = (body.config ?? {}) as Body;
      return { address: `data.${type}.${name}`, object: `${text(config.bucket)}/${text(config.key)}` };
    });
}

/** Buckets a stack creates, by literal name. */
const bucketsCreatedBy = (stack: SynthStack): string[] =>
  blocksOf(stack, 'resource').flatMap(([type, , body]) => (type === 'aws_s3_bucket' && literal(body.bucket) ? [text(body.bucket)] : []));

/**
 * Every ordering constraint the synthesized output states: remote-state reads
 * (resolved to the stack whose backend keeps that state), the dependencies
 * cdktf recorded, and the stack creating another's state bucket. A read or a
 * dependency naming no synthesized stack is an error.
 */
export function dependencyEdges(stacks: readonly SynthesizedStack[]): Edge[] {
  const byStateObject = new Map(stacks.flatMap((s) => (stateObjectOf(s) ? [[stateObjectOf(s), s.name] as const] : [])));
  const names = new Set(stacks.map((s) => s.name));
  const bucketOwner = new Map(stacks.flatMap((s) => bucketsCreatedBy(s).map((b) => [b, s.name] as const)));
  const edges: Edge[] = [];
  for (const stack of stacks) {
    const reads = new Set<string>();
    for (const read of remoteStateReads(stack)) {
      const producer = byStateObject.get(read.object);
      if (!producer)
        throw new Error(
          `${stack.name}/${read.address} reads remote state '${read.object}', which no synthesized stack keeps: point it at an existing stack's state (<stack>/terraform.tfstate)`,
        );
      if (producer === stack.name) continue;
      reads.add(producer);
      edges.push({ stack: stack.name, after: producer, reason: 'reads-outputs', source: read.address });
    }
    // cdktf records every cross-stack reference as a dependency too; only the others are declared ones.
    for (const dependency of stack.dependencies.filter((d) => !reads.has(d))) {
      if (!names.has(dependency))
        throw new Error(`${stack.name} depends on stack '${dependency}', which was not synthesized (manifest.json)`);
      edges.push({ stack: stack.name, after: dependency, reason: 'declared-dependency', source: 'manifest.json' });
    }
    const bucket = text(s3Backend(stack)?.bucket);
    const owner = bucketOwner.get(bucket);
    if (owner && owner !== stack.name)
      edges.push({ stack: stack.name, after: owner, reason: 'state-bucket', source: 'terraform.backend.s3' });
  }
  return dedupe(edges);
}

/** One edge per (stack, after, reason), the first source kept; sorted. */
export function dedupe(edges: readonly Edge[]): Edge[] {
  const seen = new Map<string, Edge>();
  for (const e of edges) {
    const key = `${e.stack} ${e.after} ${e.reason}`;
    if (!seen.has(key)) seen.set(key, e);
  }
  return [...seen.values()].sort(
    (a, b) => a.stack.localeCompare(b.stack) || a.after.localeCompare(b.after) || a.reason.localeCompare(b.reason),
  );
}
