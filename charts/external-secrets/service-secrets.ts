import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { teamNamespace } from '../../config/derive/cluster-names.js';
import type { DatabaseSecretLookup } from '../../config/derive/database-secret.js';
import { appSecretName } from '../../config/derive/secrets.js';
import type { EnvName } from '../../config/derive/stack-environment.js';
import { labelsOf, type LabelBasis } from '../../config/derive/tags.js';
import type { Service } from '../../config/schema/service.js';
import { SECRET_STORE } from './names.js';
import { serviceSecretNames } from './secret-paths.js';

export interface ServiceSecretsProps {
  readonly labels: LabelBasis;
  /** Whose `<env>/<service>/app` documents the services read. */
  readonly envName: EnvName;
  readonly services: readonly Service[];
  /** How often External Secrets re-reads Secrets Manager (config.gitops.secretRefreshInterval). */
  readonly refreshInterval: string;
  /** Where this cluster finds the database's master credentials. @default none: no database, or unreadable from this region */
  readonly database?: DatabaseSecretLookup;
}

const EXTERNAL_SECRET = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret' };

/** Both secrets hold `{"username","password"}`; extracting gives the Secret those two keys. */
function databaseSource(lookup: DatabaseSecretLookup): Record<string, unknown> {
  if (lookup.by === 'name') return { extract: { key: lookup.key } };
  // RDS rotates the secret under a generated name: find it by tag, then split its JSON into keys.
  return {
    find: { name: { regexp: lookup.nameRegexp }, tags: lookup.tags },
    rewrite: [{ merge: { strategy: 'Extract', conflictPolicy: 'Error' } }],
  };
}

/**
 * The Kubernetes Secrets of the TradeSense services, synced from Secrets
 * Manager: `<service>-app` from `<env>/<service>/app`, and for stateful
 * services `<service>-database` with the environment database's master
 * credentials (keys `username` and `password`), from the RDS-managed secret
 * or Aurora's replicated one (config/derive/database-secret.ts).
 * Secrets are retained when an ExternalSecret goes, so a bad sync cannot
 * delete the credentials a running pod needs. The Rollouts read them
 * (service-secret-refs.ts).
 */
export class ServiceSecretsChart extends Chart {
  constructor(scope: Construct, id: string, props: ServiceSecretsProps) {
    super(scope, id);
    const { refreshInterval, database } = props;
    const storeRef = { kind: 'ClusterSecretStore', name: SECRET_STORE };
    for (const service of [...props.services].sort((a, b) => a.name.localeCompare(b.name))) {
      const metadata = (name: string) => ({
        name,
        namespace: teamNamespace(service.team),
        labels: labelsOf(props.labels, { Team: service.team, Service: service.name }),
      });
      const names = serviceSecretNames(service, database !== undefined);
      new ApiObject(this, `${service.name}-app`, {
        ...EXTERNAL_SECRET,
        metadata: metadata(names.app),
        spec: {
          refreshInterval,
          secretStoreRef: storeRef,
          target: { name: names.app, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
          dataFrom: [{ extract: { key: appSecretName(props.envName, service.name) } }],
        },
      });
      if (!names.database || !database) continue;
      new ApiObject(this, `${service.name}-database`, {
        ...EXTERNAL_SECRET,
        metadata: metadata(names.database),
        spec: {
          refreshInterval,
          secretStoreRef: storeRef,
          target: { name: names.database, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
          dataFrom: [databaseSource(database)],
        },
      });
    }
  }
}
