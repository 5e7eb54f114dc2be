import { SYNC_WAVES } from '../sync-waves.js';

export const GATEKEEPER_NAMESPACE = 'gatekeeper-system';

/** Chart ids (and `<id>.k8s.yaml` files) of the rendered templates and constraints. */
export const TEMPLATES_CHART_ID = 'gatekeeper-templates';
export const CONSTRAINTS_CHART_ID = 'gatekeeper-constraints';

/**
 * Operator, then templates, then constraints: a ConstraintTemplate needs the
 * operator's CRD, and a constraint's kind exists only once Gatekeeper has
 * compiled its template into a CRD.
 */
export const GATEKEEPER_WAVES = {
  operator: SYNC_WAVES.operators,
  templates: SYNC_WAVES.config,
  constraints: SYNC_WAVES.customResources,
} as const;
