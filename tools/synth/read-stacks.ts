import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SynthStack, TerraformJson } from './output.js';
import { TERRAFORM_DIR } from './swap.js';

/** The stacks a Terraform half wrote below `staging`, read back as the checks see them. */
export function readStacks(staging: string, names: readonly string[]): SynthStack[] {
  return names.map((name) => ({
    name,
    json: JSON.parse(readFileSync(join(staging, TERRAFORM_DIR, 'stacks', name, 'cdk.tf.json'), 'utf8')) as TerraformJson,
  }));
}
