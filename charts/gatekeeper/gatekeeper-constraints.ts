import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { ADMISSION_RULES } from '../../policies/admission-rules.js';
import { constraint, type ConstraintInputs } from './constraint.js';
import { GATEKEEPER_WAVES } from './names.js';

const ANNOTATIONS = {
  'argocd.argoproj.io/sync-wave': String(GATEKEEPER_WAVES.constraints),
  // The constraint kinds are CRDs Gatekeeper creates from the templates at run
  // time; without this a first sync's dry run fails on the unknown kind.
  'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
};

export interface GatekeeperConstraintsProps extends ConstraintInputs {
  /** The taxonomy labels of the constraints. */
  readonly labels: Record<string, string>;
}

/** One constraint per admission rule: deny in staging and production tiers, warn in development. */
export class GatekeeperConstraintsChart extends Chart {
  constructor(scope: Construct, id: string, props: GatekeeperConstraintsProps) {
    super(scope, id);
    for (const rule of ADMISSION_RULES) {
      const manifest = constraint(rule, props, { annotations: ANNOTATIONS });
      new ApiObject(this, rule.id, { ...manifest, metadata: { ...manifest.metadata, labels: props.labels } });
    }
  }
}
