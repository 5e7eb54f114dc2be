/**
 * The Kubernetes Secrets a service's pods read, in the service's namespace:
 * `<service>-app` (its `<env>/<service>/app` document, one key per setting)
 * and, for a stateful service where this cluster can read the database
 * secret (config/derive/database-secret.ts), `<service>-database` (keys
 * `username` and `password`).
 */
export interface ServiceSecretNames {
  readonly app: string;
  /** @default none: stateless, or the database secret is unreadable from this region */
  readonly database?: string;
}

/** `databaseReadable`: whether this cluster can read the environment database's master secret. */
export function serviceSecretNames(
  service: { readonly name: string; readonly stateful: boolean },
  databaseReadable: boolean,
): ServiceSecretNames {
  const database = service.stateful && databaseReadable ? `${service.name}-database` : undefined;
  return { app: `${service.name}-app`, ...(database ? { database } : {}) };
}
