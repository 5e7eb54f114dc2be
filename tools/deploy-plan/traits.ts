import type { PlatformConfig } from '../../config/schema/platform.js';
import { blocksOf, literal, text } from '../../policies/terraform.js';
import type { SynthStack } from '../synth/output.js';
import { stateObjectOf } from './edges.js';

/** What sets a stack apart from one CI simply plans and applies. */
export type TraitId = 'state-bootstrap' | 'administrator-applied' | 'github-app' | 'later-step' | 'local-state';

/** A trait read from the synthesized stack (never from its name), and what the plan and the workflow do about it. */
export interface StackTrait {
  readonly id: TraitId;
  readonly handling: string;
  readonly matches: (stack: SynthStack, config: PlatformConfig) => boolean;
}

const resources = (stack: SynthStack, type: string) => blocksOf(stack, 'resource').filter(([t]) => t === type);

/** The rule table, in the order the plan explains them. */
export const STACK_TRAITS: readonly StackTrait[] = [
  {
    id: 'state-bootstrap',
    handling:
      'creates the state bucket every stack of its account keeps its state in: its very first apply is by hand on local state ' +
      '(`npm run state -- bootstrap <env>`, README "Bootstrapping an account"); from then on CI applies it before any other stack of the environment',
    matches: (stack) => {
      const bucket = stateObjectOf(stack)?.split('/')[0];
      return bucket !== undefined && resources(stack, 'aws_s3_bucket').some(([, , body]) => literal(body.bucket) === bucket);
    },
  },
  {
    id: 'administrator-applied',
    handling:
      'holds the CI roles and the permissions boundary, which the deploy role may not change: an administrator applies it (docs/ci-cd.md); ' +
      'CI only plans it with the read-only role and stops the environment while that plan shows changes',
    matches: (stack, config) => resources(stack, 'aws_iam_role').some(([, , body]) => text(body.name) === config.ownership.deployRoleName),
  },
  {
    id: 'github-app',
    handling:
      'manages the GitHub repository: CI applies it with the governance GitHub App token (an environment secret); nightly drift leaves it out',
    matches: (stack) => (stack.json.provider?.github ?? []).length > 0,
  },
  {
    id: 'later-step',
    handling:
      'exists only once cost.environments.<env>.activateCostAllocationTags is set, after Billing has seen the tag keys (README, "After the first billing cycle"); CI applies it from then on',
    matches: (stack) => resources(stack, 'aws_ce_cost_allocation_tag').length > 0,
  },
  {
    id: 'local-state',
    handling: 'keeps local state, so it is applied by hand and never by CI',
    matches: (stack) => stateObjectOf(stack) === undefined,
  },
];

/** The traits of one stack, in table order. */
export function traitsOf(stack: SynthStack, config: PlatformConfig): TraitId[] {
  return STACK_TRAITS.filter((t) => t.matches(stack, config)).map((t) => t.id);
}

/** How the plan handles a trait. */
export function handlingOf(id: TraitId): string {
  const trait = STACK_TRAITS.find((t) => t.id === id);
  if (!trait) throw new Error(`unknown stack trait '${id}'`);
  return trait.handling;
}
