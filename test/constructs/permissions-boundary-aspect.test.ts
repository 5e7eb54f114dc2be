import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Aspects } from 'cdktf';
import { Construct } from 'constructs';
import { stackEnvironment } from '../../config/derive/stack-environment.js';
import { describe, expect, test } from 'vitest';
import { permissionsBoundary } from '../../config/derive/facts.js';
import { PermissionsBoundaryAspect } from '../../constructs/aws/permissions-boundary-aspect.js';
import { platformConfig } from '../support/platform.js';
import { ACCOUNT, all, awsStack, named, only, synth } from './construct-stack.js';

const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/deploy-boundary`;
const trust = JSON.stringify({ Version: '2012-10-17', Statement: [] });

function build(roles: (scope: Construct) => void, exempt: string[] = ['deploy']) {
  const stack = awsStack();
  roles(stack);
  Aspects.of(stack).add(new PermissionsBoundaryAspect(BOUNDARY, exempt));
  return synth(stack);
}

describe('PermissionsBoundaryAspect', () => {
  test('every role without a boundary gets the account boundary, nested ones included', () => {
    const out = build((s) => {
      new IamRole(s, 'app', { name: 'prod-app', assumeRolePolicy: trust });
      new IamRole(new Construct(new Construct(s, 'a'), 'b'), 'nested', { assumeRolePolicy: trust });
    });
    expect(all(out, IamRole.tfResourceType).map((r) => r.permissions_boundary)).toEqual([BOUNDARY, BOUNDARY]);
  });

  test('a boundary a role names itself is kept', () => {
    const own = `arn:aws:iam::${ACCOUNT}:policy/stricter`;
    const out = build((s) => new IamRole(s, 'app', { name: 'prod-app', assumeRolePolicy: trust, permissionsBoundary: own }));
    expect(only(out, IamRole.tfResourceType).permissions_boundary).toBe(own);
  });

  test('the exempt roles (the deploy role enforcing the boundary) stay unbounded', () => {
    const out = build((s) => {
      new IamRole(s, 'deploy', { name: 'deploy', assumeRolePolicy: trust });
      new IamRole(s, 'other', { name: 'deploy-helper', assumeRolePolicy: trust });
    });
    expect(named(out, IamRole.tfResourceType, '"name":"deploy"').permissions_boundary).toBeUndefined();
    expect(named(out, IamRole.tfResourceType, 'deploy-helper').permissions_boundary).toBe(BOUNDARY);
  });

  test('other resources are left alone', () => {
    const out = build((s) => new S3Bucket(s, 'bucket', { bucket: 'b' }));
    expect(only(out, S3Bucket.tfResourceType)).toEqual({ bucket: 'b' });
  });

  test("a stack environment's boundary and exempt deploy role (stackEnvironment) drive it", () => {
    const config = platformConfig();
    const environment = stackEnvironment(config, 'prod');
    const stack = awsStack();
    new IamRole(stack, 'deploy', { name: config.ownership.deployRoleName, assumeRolePolicy: trust });
    new IamRole(stack, 'app', { name: 'app', assumeRolePolicy: trust });
    Aspects.of(stack).add(new PermissionsBoundaryAspect(environment.permissionsBoundaryArn, environment.boundaryExemptRoles));
    const out = synth(stack);
    expect(named(out, IamRole.tfResourceType, `"name":"${config.ownership.deployRoleName}"`).permissions_boundary).toBeUndefined();
    expect(named(out, IamRole.tfResourceType, '"name":"app"').permissions_boundary).toBe(
      permissionsBoundary(config, environment.accountId).arn,
    );
    expect(environment.permissionsBoundaryArn).toMatch(new RegExp(`^arn:aws:iam::${environment.accountId}:policy/`));
  });
});
