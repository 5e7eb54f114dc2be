import { verdictOf, type AwsRule } from '../types.js';
import { grants, IDENTITY_POLICY_TYPES, identityStatements, namedResourcesOnly, ownershipTagKeys } from './identity-statements.js';

/** Destructive actions on infrastructure controllers and functions manage (what a wildcard could reach). */
export const DESTRUCTIVE_ACTIONS = [
  'ec2:TerminateInstances',
  'ec2:DeleteLaunchTemplate',
  'ec2:DeleteVolume',
  'ec2:DeleteSnapshot',
  'ec2:DeleteSecurityGroup',
  'ec2:DeleteNetworkInterface',
  'ec2:DeleteFleets',
  'elasticloadbalancing:DeleteLoadBalancer',
  'elasticloadbalancing:DeleteTargetGroup',
  'elasticloadbalancing:DeleteListener',
  'elasticloadbalancing:DeleteRule',
];

/**
 * Terminate and delete on resources the policy does not name are allowed only
 * with an ownership-tag condition (`aws:ResourceTag/...`): a controller
 * removes what it owns, not everything in the region.
 */
export const iamDeleteOwnerScoped: AwsRule = {
  id: 'iam-delete-owner-scoped',
  types: IDENTITY_POLICY_TYPES,
  check: (r, ctx) =>
    verdictOf(
      identityStatements(r, ctx).flatMap((s) => {
        const actions = DESTRUCTIVE_ACTIONS.filter((a) => grants(s, a));
        if (actions.length === 0 || namedResourcesOnly(s) || ownershipTagKeys(s).length > 0) return [];
        return [
          `${actions.join(', ')} allowed on ${s.resources.join(', ') || 'every resource'} without an aws:ResourceTag ownership condition`,
        ];
      }),
    ),
};
