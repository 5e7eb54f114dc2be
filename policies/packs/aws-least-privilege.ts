import { ecrTemplateKmsHasRole } from '../aws/ecr-template-kms-has-role.js';
import { iamDeleteOwnerScoped } from '../aws/iam-delete-owner-scoped.js';
import { iamPeerReplicasReadOnly } from '../aws/iam-peer-replicas-read-only.js';
import { iamRoleChangesRequireBoundary } from '../aws/iam-role-changes-require-boundary.js';
import { iamRoleHasPermissionsBoundary } from '../aws/iam-role-has-permissions-boundary.js';
import { iamTagOnCreateScoped } from '../aws/iam-tag-on-create-scoped.js';
import type { TerraformPack } from '../types.js';

/** Terraform guardrails on what identities may do: ownership, replicas, role creation, service roles. */
export const awsLeastPrivilege: TerraformPack = {
  name: 'aws-least-privilege',
  target: 'terraform',
  entries: [
    {
      rule: iamTagOnCreateScoped,
      severity: 'error',
      title: 'Tagging is limited to the create call or to owned resources',
      rationale:
        'Deletes are scoped by an ownership tag; a principal that may tag anything can tag a foreign instance as its own and then terminate it.',
      remediation:
        'condition ec2:CreateTags on ec2:CreateAction (RunInstances, CreateFleet...) and aws:RequestTag, or on aws:ResourceTag/<owner> with ForAllValues aws:TagKeys (see constructs/aws/karpenter-policy.ts)',
    },
    {
      rule: iamDeleteOwnerScoped,
      severity: 'error',
      title: 'Terminate and delete require an ownership-tag condition',
      rationale:
        'A controller or function that may delete any instance, volume or load balancer in the region turns one bug or compromise into an outage of everything.',
      remediation:
        'name the resources, or add Condition StringEquals aws:ResourceTag/<ownership tag> (kubernetes.io/cluster/<name>: owned, the opt-in tag...)',
    },
    {
      rule: iamPeerReplicasReadOnly,
      severity: 'error',
      title: "No role writes to another region's replica bucket",
      rationale:
        'Replicas exist for the day a region or its credentials are lost; a role of one region that can delete them can erase both copies.',
      remediation:
        "grant only s3:GetObject and s3:ListBucket on the peer region's bucket (see the Velero statements in constructs/aws/controller-policies.ts)",
    },
    {
      rule: iamRoleChangesRequireBoundary,
      severity: 'error',
      title: 'Creating or changing roles requires the permissions boundary',
      rationale:
        'A principal that can create a role or attach policies to one without a boundary can create an administrator and assume it.',
      remediation:
        'condition iam:CreateRole, iam:PutRolePolicy, iam:AttachRolePolicy and iam:PutRolePermissionsBoundary on StringEquals iam:PermissionsBoundary = permissionsBoundary(config, account).arn',
    },
    {
      rule: iamRoleHasPermissionsBoundary,
      severity: 'error',
      title: 'Every role carries the permissions boundary',
      rationale:
        'The deploy role may create roles only with the boundary; a role without it fails at apply, and an unbounded role could be granted anything.',
      remediation:
        'extend PlatformStack (its PermissionsBoundaryAspect attaches the boundary) or set permissions_boundary to permissionsBoundary(config, account).arn',
    },
    {
      rule: ecrTemplateKmsHasRole,
      severity: 'error',
      title: 'KMS-encrypted repository creation templates name a custom role',
      rationale:
        'ECR creates the repository of a first pull-through with the template role; without kms:CreateGrant on the key the pull fails.',
      remediation:
        'create a role trusted by ecr.amazonaws.com with ecr:CreateRepository and kms:CreateGrant/RetireGrant/DescribeKey on the key, and set custom_role_arn (see stacks/registry.ts)',
    },
  ],
};
