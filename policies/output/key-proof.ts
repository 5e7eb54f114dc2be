import type { OutputIndex } from '../output-index.js';
import { isTrue, parseReference, whereOf, type StackIndex } from '../terraform.js';

/** How a data store's key reference was proven (or not) to be a rotating customer-managed key. */
export interface KeyProof {
  /** Where the key is: `stack/aws_kms_key.name (alias/x)`, or what the value was. */
  readonly key: string;
  readonly problem?: string;
}

const MAX_HOPS = 4;

function aliasOf(stack: StackIndex, keyName: string): string | undefined {
  const alias = stack.ofType('aws_kms_alias').find((a) => parseReference(a.body.target_key_id)?.name === keyName);
  return typeof alias?.body.name === 'string' ? alias.body.name : undefined;
}

/**
 * Follows a key reference to the `aws_kms_key` it names and checks rotation:
 * - `${aws_kms_key.x.arn|id|key_id}` in the same stack: the key resource itself;
 * - `${aws_kms_replica_key.x.arn}`: its primary key (replicas rotate with it);
 * - `${data.terraform_remote_state.s.outputs.o}`: the producing stack's output `o`
 *   (found through the remote state's `key`, `<stack>/terraform.tfstate`), followed
 *   there. When the producing stack is not in this synth, the reference is accepted
 *   only if the output is named `*key_arn` (the producers' naming contract).
 * Anything else (no key, AWS-managed aliases, looked-up or literal keys) cannot be
 * proven customer-managed and rotating at synth time, and fails.
 */
export function proveKey(value: unknown, stack: StackIndex, index: OutputIndex, hops = 0): KeyProof {
  if (value === undefined || value === null || value === '')
    return { key: '(none)', problem: 'no customer-managed KMS key: set one (CustomerKey)' };
  const ref = parseReference(value);
  if (!ref)
    return {
      key: String(value),
      problem: `'${String(value)}' is not a reference to a CustomerKey; rotation and ownership cannot be proven`,
    };
  if (hops > MAX_HOPS) return { key: String(value), problem: 'key reference chain too long to follow' };
  const target = stack.resolve(value);
  if (ref.type === 'aws_kms_key' && target) {
    const alias = aliasOf(stack, ref.name);
    const key = `${whereOf(target)}${alias ? ` (${alias})` : ''}`;
    return isTrue(target.body.enable_key_rotation) ? { key } : { key, problem: `key ${key} does not rotate: set enable_key_rotation` };
  }
  if (ref.type === 'aws_kms_replica_key' && target) return proveKey(target.body.primary_key_arn, stack, index, hops + 1);
  if (ref.type === 'data.terraform_remote_state' && target && ref.path[0] === 'outputs' && ref.path[1]) {
    const output = ref.path[1];
    const config = target.body.config as Record<string, unknown> | undefined;
    const producer = typeof config?.key === 'string' ? index.stack(config.key.replace(/\/terraform\.tfstate$/, '')) : undefined;
    if (producer) {
      const produced = producer.output(output);
      if (produced === undefined) return { key: String(value), problem: `stack ${producer.name} has no output '${output}'` };
      return proveKey(produced, producer, index, hops + 1);
    }
    return /key_arn$/i.test(output)
      ? { key: `remote state output ${output}` }
      : {
          key: String(value),
          problem: `remote state output '${output}' is not named *key_arn, so it cannot be taken for a CustomerKey ARN`,
        };
  }
  return {
    key: String(value),
    problem: `${ref.type}.${ref.name} is not a customer-managed key of this synth (looked-up and AWS-managed keys cannot be proven to rotate)`,
  };
}
