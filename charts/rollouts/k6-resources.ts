/** k6 release the load-test Job runs, pulled through the cluster's ECR Docker Hub cache. */
export const K6_IMAGE = 'grafana/k6:1.3.0';
/** The k6 container's size: the team quota reserves it beside both ReplicaSets of a promotion. */
export const K6_RESOURCES = { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } } as const;
