/** The store every ExternalSecret of the cluster reads through. */
export const SECRET_STORE = 'aws-secrets-manager';

/** Platform namespaces whose components read secrets: alert receivers and Grafana (monitoring), Falcosidekick (falco). */
export const PLATFORM_SECRET_NAMESPACES = ['falco', 'monitoring'] as const;
