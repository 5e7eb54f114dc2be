import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import { ADMISSION_RULES } from '../../policies/admission-rules.js';
import type { ClusterContext } from '../cluster-context.js';
import { constraintTemplate } from './constraint-template.js';
import { GATEKEEPER_WAVES } from './gatekeeper-component.js';

/**
 * One ConstraintTemplate per admission rule, generated at synth from the Rego
 * kept in policies/rego/<id>/src.rego (never hand-edited).
 */
export class GatekeeperTemplatesChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const labels = resolveLabels(ctx.config, ctx.target.envName, { Team: 'platform', Service: 'gatekeeper' });
    for (const rule of ADMISSION_RULES) {
      const template = constraintTemplate(rule, { 'argocd.argoproj.io/sync-wave': String(GATEKEEPER_WAVES.templates) });
      new ApiObject(this, rule.id, { ...template, metadata: { ...template.metadata, labels } });
    }
  }
}
