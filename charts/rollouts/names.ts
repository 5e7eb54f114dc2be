import type { SloKind } from '../observability/slo/sli.js';

/**
 * Names the delivery charts give a service's promotion objects; the mesh and
 * network policies admit the load test by them.
 */

/** The analysis argument naming the Service measured: the preview before promotion, the active one after. */
export const SERVICE_ARG = 'service-name';

export const sloTemplateName = (service: string, kind: SloKind) => `${service}-slo-${kind}`;

/** The k6 Job's AnalysisTemplate, ConfigMap and service account (its identity in the mesh). */
export const loadTestTemplateName = (service: string) => `${service}-load-test`;

export const previewServiceName = (service: string) => `${service}-preview`;
