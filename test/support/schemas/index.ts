import type { JsonSchema } from './builders.js';
import { EXTERNAL_SECRETS_SCHEMAS } from './external-secrets.js';
import { VELERO_SCHEMAS } from './velero.js';
import { GATEKEEPER_SCHEMAS } from './gatekeeper.js';
import { CHAOS_MESH_SCHEMAS } from './chaos-mesh.js';
import { OPENTELEMETRY_SCHEMAS } from './opentelemetry.js';
import { KARPENTER_SCHEMAS } from './karpenter.js';

/**
 * Schemas the project defines for custom resources that no @kubernetes-models
 * package covers at the pinned CRD version, keyed `apiVersion/Kind`. A capability
 * rendering such kinds adds its file here (one import, one spread).
 */
export const PROJECT_SCHEMAS: Record<string, JsonSchema> = {
  ...EXTERNAL_SECRETS_SCHEMAS,
  ...VELERO_SCHEMAS,
  ...GATEKEEPER_SCHEMAS,
  ...CHAOS_MESH_SCHEMAS,
  ...OPENTELEMETRY_SCHEMAS,
  ...KARPENTER_SCHEMAS,
};
