import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolveLabels } from '../../config/derive/tags.js';
import { ADMISSION_RULES } from '../../policies/admission-rules.js';
import type { ClusterContext } from '../cluster-context.js';
import { constraint } from './constraint.js';
import { GATEKEEPER_WAVES } from './gatekeeper-component.js';

const ANNOTATIONS = {
  'argocd.argoproj.io/sync-wave': String(GATEKEEPER_WAVES.constraints),
  // The constraint kinds are CRDs Gatekeeper creates from the templates at run
  // time; without this a first sync's dry run fails on the unknown kind.
  'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
};

/** One constraint per admission rule: deny in staging and production tiers, warn in development. */
export class GatekeeperConstraintsChart extends Chart {
  constructor(scope: Construct, id: string, ctx: ClusterContext) {
    super(scope, id);
    const labels = resolveLabels(ctx.config, ctx.target.envName, { Team: 'platform', Service: 'gatekeeper' });
    for (const rule of ADMISSION_RULES) {
      const manifest = constraint(rule, ctx, { annotations: ANNOTATIONS });
      new ApiObject(this, rule.id, { ...manifest, metadata: { ...manifest.metadata, labels } });
    }
  }
}
