import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrPullThroughCacheRule } from '@cdktf/provider-aws/lib/ecr-pull-through-cache-rule';
import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { EcrReplicationConfiguration } from '@cdktf/provider-aws/lib/ecr-replication-configuration';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryCreationTemplate } from '@cdktf/provider-aws/lib/ecr-repository-creation-template';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import type { Construct } from 'constructs';
import {
  PULL_THROUGH_CACHES,
  pullThroughSecretName,
  SERVICE_REPOSITORY_PREFIX,
  serviceRepository,
  type PullThroughPrefix,
} from '../config/derive/registry.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { Service } from '../config/schema/service.js';
import { policyDocument } from '../constructs/aws/iam-policy.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { PlatformStack } from './platform-stack.js';

/** Keep the newest images of a service; older ones only cost storage (deploys pin versions from config). */
const SERVICE_IMAGES_KEPT = 200;
/** Cached upstream images nobody pulled for this long are dropped; the next pull fetches them again. */
const CACHE_UNTAGGED_DAYS = 14;

const lifecycle = (rules: object[]) => JSON.stringify({ rules: rules.map((r, i) => ({ rulePriority: i + 1, ...r })) });

export interface RegistryStackProps {
  readonly environment: StackEnvironment;
  readonly region: AwsRegion;
  /** The services: each gets its repository, in every region. */
  readonly services: readonly Pick<Service, 'name' | 'team'>[];
  /**
   * Regions this registry replicates the service repositories to: every replica
   * region from the primary (config/derive/registry.ts `registryReplicaRegions`).
   * @default [] (replicas and one-region environments replicate nothing)
   */
  readonly replicateTo?: readonly AwsRegion[];
}

/**
 * `<env>-<region>-registry`: the account's ECR in the cluster's region, the only
 * registry its pods pull from. Pull-through caches for the upstream registries
 * the charts use, TradeSense's service repositories (immutable tags, KMS,
 * replicated from the primary region so a failover finds every image), and
 * enhanced continuous scanning of everything stored.
 */
export class RegistryStack extends PlatformStack {
  readonly repositories: EcrRepository[];

  constructor(scope: Construct, id: string, props: RegistryStackProps) {
    super(scope, { environment: props.environment, region: props.region, kind: 'registry', tags: { Service: 'container-registry' } }, id);
    const key = new CustomerKey(this, 'registry-key', {
      accountId: this.accountId,
      alias: `${this.envName}-${this.region}-ecr`,
      description: `Images and pull-through credentials of ${this.envName} in ${this.region}`,
    });

    const prefixes = Object.keys(PULL_THROUGH_CACHES).sort() as PullThroughPrefix[];
    // ECR creates a pull-through repository with the template's role: with a customer key it needs
    // kms:CreateGrant on that key, or the first pull of an upstream image fails.
    const templateRole = new IamRole(this, 'creation-template-role', {
      name: `${this.envName}-${this.region}-ecr-templates`,
      description: `ECR creates the ${this.envName} pull-through repositories in ${this.region} with this role`,
      assumeRolePolicy: policyDocument([{ Effect: 'Allow', Principal: { Service: 'ecr.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    });
    const templatePolicy = new IamRolePolicy(this, 'creation-template-policy', {
      role: templateRole.id,
      name: 'create-encrypted-repositories',
      policy: policyDocument([
        {
          Sid: 'CreateCacheRepositories',
          Effect: 'Allow',
          Action: 'ecr:CreateRepository',
          Resource: prefixes.map((prefix) => `arn:aws:ecr:${this.region}:${this.accountId}:repository/${prefix}/*`),
        },
        {
          Sid: 'EncryptWithRegistryKey',
          Effect: 'Allow',
          Action: ['kms:CreateGrant', 'kms:RetireGrant', 'kms:DescribeKey'],
          Resource: key.arn,
        },
      ]),
    });

    for (const prefix of prefixes) {
      const upstream = PULL_THROUGH_CACHES[prefix];
      // The secret's value (upstream user and token) is set once by an operator, never in code.
      const credentials = upstream.credentials
        ? new SecretsmanagerSecret(this, `${prefix}-credentials`, {
            name: pullThroughSecretName(prefix),
            description: `Pull-through cache credentials for ${upstream.upstream}`,
            kmsKeyId: key.arn,
            recoveryWindowInDays: 30,
          })
        : undefined;
      new EcrPullThroughCacheRule(this, `${prefix}-cache`, {
        ecrRepositoryPrefix: prefix,
        upstreamRegistryUrl: upstream.upstream,
        credentialArn: credentials?.arn,
      });
      new EcrRepositoryCreationTemplate(this, `${prefix}-template`, {
        prefix,
        appliedFor: ['PULL_THROUGH_CACHE'],
        description: `Repositories ECR creates on the first pull through ${upstream.upstream}`,
        imageTagMutability: 'MUTABLE', // upstream tags move; the charts pin exact versions
        encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: key.arn }],
        customRoleArn: templateRole.arn,
        dependsOn: [templatePolicy],
        lifecyclePolicy: lifecycle([
          {
            description: 'drop untagged layers',
            selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: CACHE_UNTAGGED_DAYS },
            action: { type: 'expire' },
          },
        ]),
      });
    }

    this.repositories = [...props.services]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((service) => {
        const repository = new EcrRepository(this, `${service.name}-repository`, {
          name: serviceRepository(service.name),
          imageTagMutability: 'IMMUTABLE',
          imageScanningConfiguration: { scanOnPush: true },
          encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: key.arn }],
          forceDelete: false,
          tags: { Team: service.team, Service: service.name },
          lifecycle: { preventDestroy: true },
        });
        new EcrLifecyclePolicy(this, `${service.name}-lifecycle`, {
          repository: repository.name,
          policy: lifecycle([
            {
              description: `keep the newest ${SERVICE_IMAGES_KEPT} images`,
              selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: SERVICE_IMAGES_KEPT },
              action: { type: 'expire' },
            },
          ]),
        });
        return repository;
      });

    // CI pushes to the primary region; every replica gets every image before it is needed.
    // One rule, one destination per replica (the invariants keep them within ECR's limit).
    const destinations = props.replicateTo ?? [];
    if (destinations.length > 0) {
      new EcrReplicationConfiguration(this, 'replication', {
        replicationConfiguration: {
          rule: [
            {
              destination: destinations.map((region) => ({ region, registryId: this.accountId })),
              repositoryFilter: [{ filter: SERVICE_REPOSITORY_PREFIX, filterType: 'PREFIX_MATCH' }],
            },
          ],
        },
      });
    }

    // Inspector scans OS and language packages of every image, continuously, not only on push.
    new EcrRegistryScanningConfiguration(this, 'scanning', {
      scanType: 'ENHANCED',
      rule: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilter: [{ filter: '*', filterType: 'WILDCARD' }] }],
    });
  }
}
