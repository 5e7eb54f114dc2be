import { verdictOf, type AwsRule } from '../types.js';
import { conditionEntries, documentStatements, grants, IDENTITY_POLICY_TYPES, isPermissionsBoundary } from './identity-statements.js';

/** Creating a role or changing its permissions: each one alone turns role management into administrator rights. */
export const ROLE_PERMISSION_ACTIONS = ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'];

/**
 * A policy may allow creating roles or changing their permissions only under
 * an `iam:PermissionsBoundary` condition: otherwise its holder can create an
 * administrator role and assume it (or hand it to a service it controls).
 * The boundary itself must not allow these actions at all, or a bounded role
 * could create an unbounded one.
 */
export const iamRoleChangesRequireBoundary: AwsRule = {
  id: 'iam-role-changes-require-boundary',
  types: IDENTITY_POLICY_TYPES,
  check: (r, ctx) => {
    const boundary = isPermissionsBoundary(r, ctx);
    return verdictOf(
      documentStatements(r, ctx).flatMap((s) => {
        const actions = ROLE_PERMISSION_ACTIONS.filter((a) => grants(s, a));
        if (actions.length === 0) return [];
        if (boundary) return [`the permissions boundary allows ${actions.join(', ')}`];
        if (conditionEntries(s).some(({ key }) => key === 'iam:permissionsboundary')) return [];
        return [`${actions.join(', ')} allowed without an iam:PermissionsBoundary condition`];
      }),
    );
  },
};
