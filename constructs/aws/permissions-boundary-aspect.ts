import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * Attaches the account's permissions boundary to every IAM role of a stack
 * that does not name one: the deploy role may create a role only with that
 * boundary (stacks/ci-access.ts), so a role without it would fail at apply.
 * One place instead of every `new IamRole`. The deploy role itself is exempt:
 * it enforces the boundary and is applied by an administrator.
 */
export class PermissionsBoundaryAspect implements IAspect {
  constructor(
    private boundaryArn: string,
    private readonly exemptRoleNames: readonly string[],
  ) {}

  /**
   * In the stack that creates the boundary policy, its roles name it by
   * reference, so Terraform creates the policy before them (an ARN string
   * would let a role race its boundary in the same apply).
   */
  useBoundaryPolicy(arnReference: string): void {
    this.boundaryArn = arnReference;
  }

  visit(node: IConstruct): void {
    if (!(node instanceof IamRole) || node.permissionsBoundaryInput !== undefined) return;
    if (node.nameInput !== undefined && this.exemptRoleNames.includes(node.nameInput)) return;
    node.permissionsBoundary = this.boundaryArn;
  }
}
