import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdmissionRuleId } from '../../policies/admission-rules.js';

/** The policies' home in the repository, beside their tests and samples. */
export const REGO_DIR = 'policies/rego';

const sources = new Map<AdmissionRuleId, string>();

/**
 * The repository's policies folder, found from this module (the bundles under .build/
 * give each module its own source URL), never from the working directory: a synth
 * started from another folder (`npm run synth -- --config` elsewhere) reads the same policies.
 */
const regoRoot = (): string => join(fileURLToPath(new URL('../..', import.meta.url)), REGO_DIR);

/** Repository-relative path of a rule's policy (what generated files name as their source). */
export function regoSourcePath(id: AdmissionRuleId): string {
  return `${REGO_DIR}/${id}/src.rego`;
}

/** Absolute path of a file of a rule's policy folder (for tools and tests; never written to output). */
export function policyFile(id: AdmissionRuleId, file: string): string {
  return join(regoRoot(), id, file);
}

/** A rule's Rego, read once per process from the repository's own files. */
export function regoSource(id: AdmissionRuleId): string {
  let source = sources.get(id);
  if (source === undefined) {
    try {
      source = readFileSync(policyFile(id, 'src.rego'), 'utf8');
    } catch (error) {
      throw new Error(`admission rule '${id}' has no policy: create ${regoSourcePath(id)} (${(error as Error).message})`);
    }
    sources.set(id, source);
  }
  return source;
}

/** The `package` a Rego source declares. */
export function regoPackage(source: string): string | undefined {
  return /^package\s+([\w.]+)\s*$/m.exec(source)?.[1];
}
