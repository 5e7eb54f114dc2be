import { BACKUP_TAG_KEY, DR_EXEMPTION_TAG_KEY } from '../../config/derive/tags.js';
import { encryptionVerified } from '../output/encryption-verified.js';
import { productionDataCopiedCrossRegion } from '../output/production-data-copied-cross-region.js';
import { retentionFromTable } from '../output/retention-from-table.js';
import type { OutputPack } from '../types.js';

/**
 * Guardrails over the whole synthesized output through the one index: data
 * at rest is provably encrypted, kept exactly as long as the retention table
 * says, and in production copied to another region.
 */
export const dataProtection: OutputPack = {
  name: 'data-protection',
  target: 'output',
  entries: [
    {
      rule: encryptionVerified,
      severity: 'error',
      title: 'Data stores are encrypted with a rotating customer key and take TLS only',
      rationale:
        'A key that cannot be followed to a rotating customer-managed aws_kms_key of this synth (an AWS-managed alias, a looked-up or literal ARN) proves neither ownership nor rotation to an auditor; where AWS can enforce TLS (S3 and SNS policies, RDS parameters), a store that does not accepts clear-text access.',
      remediation:
        'encrypt it with a CustomerKey (constructs/aws/kms-key.ts) referenced directly or through a remote-state output named *key_arn, and deny aws:SecureTransport=false (SecureBucket, AlertTopic) or set rds.force_ssl=1',
    },
    {
      rule: retentionFromTable,
      severity: 'error',
      title: 'Data is kept exactly as long as the retention table says for its class',
      rationale:
        'config.retention holds each data class within every regulation (SOC 2, PCI DSS, SEC 17a-4 minimums, the GDPR maximum); a figure that drifts from it, or data kept forever, breaks one of them.',
      remediation:
        "take the figure from retentionDays(config, '<class>'), and tag a resource DataClass=<class> where its class is not the default of its type (docs/security-compliance.md)",
    },
    {
      rule: productionDataCopiedCrossRegion,
      severity: 'error',
      title: 'Production data has a copy in another region',
      rationale:
        'A regional outage or a lost account region must not lose production data: the DR runbook fails over to the other region only with what was copied there.',
      remediation:
        `replicate it (a cross-region read replica, bucket replication, a member of the global cluster), or tag it ${BACKUP_TAG_KEY}=<plan> for a plan whose every rule copies into another region's vault; ` +
        `data that needs no copy carries ${DR_EXEMPTION_TAG_KEY}=<reason> (resources of another owner: a waiver in policies/waivers.ts)`,
    },
  ],
};
