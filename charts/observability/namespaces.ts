/** Namespace of kube-prometheus-stack (Prometheus, Alertmanager, Grafana) and the SLO rules. */
export const MONITORING_NAMESPACE = 'monitoring';
/** Namespace of Tempo, the OpenTelemetry collector and its Instrumentation. */
export const OBSERVABILITY_NAMESPACE = 'observability';
/** Helm release of kube-prometheus-stack: prefixes its Service names. */
export const PROMETHEUS_RELEASE = 'kube-prometheus-stack';
/** In-cluster Prometheus API, for analysis templates and the collector's remote write. */
export const PROMETHEUS_URL = `http://${PROMETHEUS_RELEASE}-prometheus.${MONITORING_NAMESPACE}.svc.cluster.local:9090`;
/** The Instrumentation CR services reference in their inject annotation, as `<namespace>/<name>`. */
export const INSTRUMENTATION_REF = `${OBSERVABILITY_NAMESPACE}/tradesense`;
