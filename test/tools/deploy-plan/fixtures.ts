import { readSynthesizedStacks, type SynthesizedStack } from '../../../tools/deploy-plan/synth-output.js';
import { platformOutdir, synthStack } from '../../support/platform.js';

let cached: SynthesizedStack[] | undefined;

/** The TradeSense stacks as cdktf writes them (manifest.json included), synthesized once per worker. */
export function synthesizedStacks(): SynthesizedStack[] {
  if (!cached) {
    synthStack('dev-global-state');
    cached = readSynthesizedStacks(platformOutdir());
  }
  return cached;
}

const BUCKET = 'tradesense-dev-tfstate-210987654321';

interface FakeStack {
  /** Stacks whose outputs it reads (a terraform_remote_state data source each). */
  readonly reads?: string[];
  readonly dependencies?: string[];
  /** Creates the state bucket. */
  readonly stateBucket?: boolean;
  /** Creates the deploy role (administrator-applied). */
  readonly deployRole?: boolean;
  readonly backend?: 's3' | 'local';
}

/** Small synthesized stacks for plan rules: S3 backend in one bucket, remote-state reads as cdktf writes them. */
export function fakeStacks(stacks: Record<string, FakeStack>): SynthesizedStack[] {
  return Object.entries(stacks).map(([name, s]): SynthesizedStack => ({
    name,
    dependencies: [...(s.dependencies ?? []), ...(s.reads ?? [])],
    json: {
      terraform: {
        backend:
          s.backend === 'local' ? { local: { path: `${name}.tfstate` } } : { s3: { bucket: BUCKET, key: `${name}/terraform.tfstate` } },
      },
      data: {
        terraform_remote_state: Object.fromEntries(
          (s.reads ?? []).map((r) => [
            `cross-stack-reference-input-${r}`,
            { backend: 's3', config: { bucket: BUCKET, key: `${r}/terraform.tfstate` } },
          ]),
        ),
      },
      resource: {
        ...(s.stateBucket ? { aws_s3_bucket: { state: { bucket: BUCKET } } } : {}),
        ...(s.deployRole ? { aws_iam_role: { deploy: { name: 'github-actions-deploy' } } } : {}),
      },
    },
  }));
}
