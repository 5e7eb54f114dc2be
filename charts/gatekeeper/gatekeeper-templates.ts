import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { ADMISSION_RULES } from '../../policies/admission-rules.js';
import { constraintTemplate } from './constraint-template.js';
import { GATEKEEPER_WAVES } from './names.js';

export interface GatekeeperTemplatesProps {
  /** The taxonomy labels of the templates. */
  readonly labels: Record<string, string>;
}

/**
 * One ConstraintTemplate per admission rule, generated at synth from the Rego
 * kept in policies/rego/<id>/src.rego (never hand-edited).
 */
export class GatekeeperTemplatesChart extends Chart {
  constructor(scope: Construct, id: string, props: GatekeeperTemplatesProps) {
    super(scope, id);
    for (const rule of ADMISSION_RULES) {
      const template = constraintTemplate(rule, { 'argocd.argoproj.io/sync-wave': String(GATEKEEPER_WAVES.templates) });
      new ApiObject(this, rule.id, { ...template, metadata: { ...template.metadata, labels: props.labels } });
    }
  }
}
