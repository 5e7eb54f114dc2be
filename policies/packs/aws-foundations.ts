import { backupRetentionCompliant } from '../aws/backup-retention-compliant.js';
import { ebsVolumesEncrypted } from '../aws/ebs-volumes-encrypted.js';
import { eksEndpointRestricted } from '../aws/eks-endpoint-restricted.js';
import { eksSecretsEncrypted } from '../aws/eks-secrets-encrypted.js';
import { iamNoAdminWildcard } from '../aws/iam-no-admin-wildcard.js';
import { imdsv2Required } from '../aws/imdsv2-required.js';
import { ingressRestricted } from '../aws/ingress-restricted.js';
import { internetAlbBehindCloudfront } from '../aws/internet-alb-behind-cloudfront.js';
import { kmsKeyRotationEnabled } from '../aws/kms-key-rotation-enabled.js';
import { logGroupEncrypted } from '../aws/log-group-encrypted.js';
import { logRetentionFromTable } from '../aws/log-retention-from-table.js';
import { mandatoryTagsPresent } from '../aws/mandatory-tags-present.js';
import { rdsNotPublic } from '../aws/rds-not-public.js';
import { rdsStorageEncrypted } from '../aws/rds-storage-encrypted.js';
import { s3BucketEncrypted } from '../aws/s3-bucket-encrypted.js';
import { s3PublicAccessBlocked } from '../aws/s3-public-access-blocked.js';
import { s3TlsOnly } from '../aws/s3-tls-only.js';
import { snsTopicEncrypted } from '../aws/sns-topic-encrypted.js';
import { statefulDeletionProtected } from '../aws/stateful-deletion-protected.js';
import type { TerraformPack } from '../types.js';

/** Terraform guardrails: encryption, exposure, identity, durability and tagging of every AWS resource. */
export const awsFoundations: TerraformPack = {
  name: 'aws-foundations',
  target: 'terraform',
  entries: [
    {
      rule: rdsStorageEncrypted,
      severity: 'error',
      title: 'RDS storage is encrypted',
      rationale:
        'Snapshots and disks of an unencrypted database can be copied out of the account in clear text; encryption cannot be added later without a restore.',
      remediation: 'set storage_encrypted = true and kms_key_id to a CustomerKey ARN',
    },
    {
      rule: s3BucketEncrypted,
      severity: 'error',
      title: 'S3 buckets are encrypted with KMS',
      rationale: 'SSE-KMS puts every read behind a key policy and CloudTrail records each use of the key.',
      remediation:
        'build the bucket with SecureBucket (constructs/aws/secure-bucket.ts) or add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm aws:kms',
    },
    {
      rule: ebsVolumesEncrypted,
      severity: 'error',
      title: 'EBS volumes are encrypted',
      rationale: 'Node volumes hold container images, logs and emptyDir data, including secrets written to disk.',
      remediation: 'declare block_device_mappings with ebs.encrypted = true and a kms_key_id (see constructs/aws/managed-node-group.ts)',
    },
    {
      rule: eksSecretsEncrypted,
      severity: 'error',
      title: 'EKS secrets are envelope-encrypted',
      rationale: 'Without a KMS envelope, Kubernetes secrets sit in etcd readable by anyone with access to its backups.',
      remediation: 'set encryption_config { resources = ["secrets"], provider { key_arn = <CustomerKey ARN> } }',
    },
    {
      rule: snsTopicEncrypted,
      severity: 'error',
      title: 'SNS topics are encrypted',
      rationale: 'Alert payloads carry resource names, account ids and sometimes customer data.',
      remediation: 'set kms_master_key_id to a CustomerKey that grants the publishing services',
    },
    {
      rule: logGroupEncrypted,
      severity: 'error',
      title: 'CloudWatch log groups are encrypted with a customer key',
      rationale: 'Audit and application logs may hold personal data; a customer key lets us revoke and audit access.',
      remediation: 'set kms_key_id to a CustomerKey whose policy allows logs.<region>.amazonaws.com',
    },
    {
      rule: rdsNotPublic,
      severity: 'error',
      title: 'Databases are not publicly accessible',
      rationale: 'A public endpoint exposes the database to credential stuffing from the internet.',
      remediation: 'set publicly_accessible = false and reach the database from inside the VPC',
    },
    {
      rule: ingressRestricted,
      severity: 'error',
      title: 'No ingress from 0.0.0.0/0 except load balancers on 443',
      rationale: 'Open ingress is the most common path from the internet to an exposed service.',
      remediation: 'restrict the CIDR to the VPC or a named range; only a load balancer security group may accept 0.0.0.0/0, on TCP 443',
    },
    {
      rule: internetAlbBehindCloudfront,
      severity: 'error',
      title: 'Internet-facing load balancers are reachable only through CloudFront',
      rationale: 'An origin that answers the internet directly lets clients bypass the edge WAF, its geo restriction and its rate limit.',
      remediation:
        'admit only the com.amazonaws.global.cloudfront.origin-facing (and route53-healthchecks) managed prefix lists in its security groups, and forward only on an http_header condition for the origin-verify header (constructs/aws/origin-load-balancer.ts), or associate a regional WAF that checks it',
    },
    {
      rule: imdsv2Required,
      severity: 'error',
      title: 'Instances require IMDSv2',
      rationale: 'IMDSv1 answers any request, so one SSRF bug hands out the node role credentials.',
      remediation: 'set metadata_options { http_tokens = "required", http_put_response_hop_limit = 1 }',
    },
    {
      rule: s3PublicAccessBlocked,
      severity: 'error',
      title: 'S3 buckets block public access',
      rationale: 'The bucket-level block stops a later ACL or policy from publishing the data.',
      remediation: 'use SecureBucket, or add an aws_s3_bucket_public_access_block with all four flags true',
    },
    {
      rule: s3TlsOnly,
      severity: 'error',
      title: 'S3 buckets refuse requests without TLS',
      rationale: 'S3 still serves plain HTTP unless a bucket policy denies it.',
      remediation: 'add tlsOnlyStatement() (constructs/aws/iam-policy.ts) to the bucket policy, as SecureBucket does',
    },
    {
      rule: kmsKeyRotationEnabled,
      severity: 'error',
      title: 'KMS keys rotate',
      rationale: 'Yearly rotation bounds how much data one leaked key version exposes (PCI DSS 3.6.4).',
      remediation: 'use CustomerKey, or set enable_key_rotation = true',
    },
    {
      rule: statefulDeletionProtected,
      severity: 'error',
      title: 'Stateful resources are protected from deletion',
      rationale: 'A renamed construct id or a wrong `terraform destroy` must not drop data.',
      remediation:
        'set deletion_protection = true (databases, EKS; deletion_protection_enabled on DynamoDB) or lifecycle { prevent_destroy = true } (buckets, keys, vaults, file systems); in cdktf deletionProtection and lifecycle: { preventDestroy: true }',
    },
    {
      rule: backupRetentionCompliant,
      severity: 'error',
      title: 'Backups are kept as long as the regulations require',
      rationale: 'config.retention records the minimum (recovery, audits) and maximum (GDPR erasure) keep periods.',
      remediation: "read the figure with retentionDays(config, 'database-snapshots' | 'backups') instead of writing a number",
    },
    {
      rule: logRetentionFromTable,
      severity: 'error',
      title: 'Log groups expire events after a retention-table figure',
      rationale: 'Logs kept forever break GDPR storage limits and cost money; too short breaks audits.',
      remediation: "set retention_in_days = retentionDays(config, '<data class>')",
    },
    {
      rule: mandatoryTagsPresent,
      severity: 'error',
      title: 'Resources carry the mandatory tags',
      rationale: 'Cost allocation, ownership and data-class reports read these tags (config.tagTaxonomy).',
      remediation: 'extend PlatformStack (provider default_tags from resolveTags) and do not override taxonomy tags with other values',
    },
    {
      rule: iamNoAdminWildcard,
      severity: 'error',
      title: 'No IAM policy allows "*" on "*"',
      rationale: 'Full admin rights turn any compromised workload into an account takeover.',
      remediation: 'list the actions and resources the principal needs (see constructs/aws/controller-policies.ts)',
    },
    {
      rule: eksEndpointRestricted,
      severity: 'error',
      title: 'The EKS API endpoint is private or CIDR-restricted',
      rationale: 'A public API endpoint open to the internet invites credential and 0-day attacks on the control plane.',
      remediation: 'leave environments.<env>.eks.publicAccessCidrs empty (private only) or list named office/VPN CIDRs',
    },
  ],
};
