import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import type { Construct } from 'constructs';
import { replicaRegions } from '../config/derive/regions.js';
import { operatorSecrets } from '../config/derive/secrets.js';
import type { AwsRegion } from '../config/reference/aws-regions.js';
import type { PlatformConfig } from '../config/schema/platform.js';
import { CustomerKey } from '../constructs/aws/kms-key.js';
import { PlatformStack } from './platform-stack.js';

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
  constructor(scope: Construct, config: PlatformConfig, envName: string) {
    super(scope, { config, envName, region: 'global', kind: 'cluster-secrets', tags: { Service: 'external-secrets' } });
    const env = config.environments[envName];
    if (!env) throw new Error(`stack ${this.node.id}: unknown environment '${envName}'`);
    const home = env.regions.primary.region;
    const replicas = replicaRegions(env);
    const alias = `${config.organization.name}-${envName}-cluster-secrets`;
    const keyIn = (region: AwsRegion) =>
      new CustomerKey(this, `key-${region}`, {
        accountId: this.accountId,
        alias,
        description: `Encrypts the ${envName} secrets its clusters read in ${region} (External Secrets)`,
        provider: this.providerFor(region),
      });
    const homeKey = keyIn(home);
    const replicaKeys = replicas.map((region) => ({ region, key: keyIn(region) }));
    for (const secret of operatorSecrets(config, envName)) {
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
