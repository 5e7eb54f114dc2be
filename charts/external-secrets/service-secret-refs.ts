import type { ServiceSecretNames } from './secret-paths.js';

/** Where a stateful service reads its database login: files `username` and `password`. */
export const DATABASE_CREDENTIALS_DIR = '/var/run/secrets/tradesense/database';
/** The environment variable that tells the service where those files are. */
export const DATABASE_CREDENTIALS_ENV = 'DATABASE_CREDENTIALS_DIR';
const DATABASE_VOLUME = 'database-credentials';

/** What a service container and its pod need to read the service's Secrets. */
export interface ServiceSecretRefs {
  readonly envFrom: { secretRef: { name: string } }[];
  readonly env: { name: string; value: string }[];
  readonly volumeMounts: { name: string; mountPath: string; readOnly: boolean }[];
  readonly volumes: { name: string; secret: { secretName: string; defaultMode: number } }[];
}

/**
 * The service's settings (`<service>-app`) as environment variables, and its
 * database login (`<service>-database`) as files: RDS rotates the master
 * password, External Secrets refreshes the Secret, and the kubelet updates a
 * mounted Secret in place, where environment variables would keep the old
 * password until the pod restarts. Neither reference is optional: a pod
 * without its credentials should not start.
 */
export function serviceSecretRefs(names: ServiceSecretNames): ServiceSecretRefs {
  const refs: ServiceSecretRefs = { envFrom: [{ secretRef: { name: names.app } }], env: [], volumeMounts: [], volumes: [] };
  if (!names.database) return refs;
  return {
    ...refs,
    env: [{ name: DATABASE_CREDENTIALS_ENV, value: DATABASE_CREDENTIALS_DIR }],
    volumeMounts: [{ name: DATABASE_VOLUME, mountPath: DATABASE_CREDENTIALS_DIR, readOnly: true }],
    // Readable by owner and group only: the pod's fsGroup gives the service's group the files.
    volumes: [{ name: DATABASE_VOLUME, secret: { secretName: names.database, defaultMode: 0o440 } }],
  };
}
