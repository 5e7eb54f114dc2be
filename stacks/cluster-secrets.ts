import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import type { Construct } from 'constructs';
import type { OperatorSecret } from '../config/derive/secrets.js';
import type { StackEnvironment } from '../config/derive/stack-environment.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { PlatformStack } from './platform-stack.js';

export interface ClusterSecretsStackProps {
  readonly environment: StackEnvironment;
  /** Where the secrets are created: the environment's primary region. */
  readonly primaryRegion: AwsRegion;
  /** Every replica region, each holding a copy under its own key. */
  readonly replicaRegions: readonly AwsRegion[];
  /** Alias of the key that encrypts them, the same name in every region. */
  readonly keyAlias: string;
  /** The secrets the clusters read by name (config/derive/secrets.ts `operatorSecrets`). */
  readonly secrets: readonly OperatorSecret[];
}

/**
 * `<env>-global-cluster-secrets`: every Secrets Manager secret the
 * environment's clusters read by name through External Secrets
 * (config/derive/secrets.ts), created empty — people fill the values (the
 * prerequisites report gives the commands) — encrypted with the environment's
 * key and replicated to every region of the environment, so each region's
 * cluster reads its local copy and keeps reading it when the other is down.
 * Without them the ExternalSecrets never sync and the pods that mount their
 * Secrets never start.
 */
export class ClusterSecretsStack extends PlatformStack {
  constructor(scope: Construct, id: string, props: ClusterSecretsStackProps) {
    super(scope, { environment: props.environment, region: 'global', kind: 'cluster-secrets', tags: { Service: 'external-secrets' } }, id);
    const envName = this.envName;
    const home = props.primaryRegion;
    const keyIn = (region: AwsRegion) =>
      new CustomerKey(this, `key-${region}`, {
        accountId: this.accountId,
        alias: props.keyAlias,
        description: `Encrypts the ${envName} secrets its clusters read in ${region} (External Secrets)`,
        provider: this.providerFor(region),
      });
    const homeKey = keyIn(home);
    const replicaKeys = props.replicaRegions.map((region) => ({ region, key: keyIn(region) }));
    for (const secret of props.secrets) {
      new SecretsmanagerSecret(this, `secret-${secret.name.replace(/[^A-Za-z0-9-]/g, '-')}`, {
        name: secret.name,
        description: secret.description,
        kmsKeyId: homeKey.arn,
        recoveryWindowInDays: 30,
        replica: replicaKeys.map(({ region, key }) => ({ region, kmsKeyId: key.arn })),
        provider: this.providerFor(home),
      });
    }
  }
}
