import { TerraformElement, TerraformOutput, TerraformStack, type App } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { appValidationFailure } from 'cdktf/lib/errors';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { deepMerge } from 'cdktf/lib/util';

/** The private fields of a stack its own `toTerraform` reads. */
interface StackInternals {
  readonly cdktfVersion: string;
  readonly rawOverrides: Record<string, unknown>;
}

/** An element's JSON fragment, resolved once. */
type Resolved = WeakMap<TerraformElement, unknown>;

/** A stack's elements, not descending into nested stacks: cdktf's own walk (terraform-stack.js). */
function elementsOf(node: { node: { children: readonly unknown[] } }, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (!TerraformStack.isStack(child)) elementsOf(child as TerraformElement, into);
  }
  return into;
}

/** `{ a: { b: id } }` for the output at path `a/b`: cdktf's outputs map of the `//` block. */
const outputPath = (output: TerraformOutput) =>
  output.node.path
    .split('/')
    .reduceRight<Record<string, unknown>>(
      (inner, part) => ({ [part]: Object.keys(inner).length === 0 ? output.friendlyUniqueId : inner }),
      {},
    );

/**
 * TerraformStack.toTerraform with each element's fragment taken from the one
 * resolution pass. The last resolve over the merged document is only needed for
 * tokens in stack-level overrides: every fragment is resolved already.
 */
function stackDocument(stack: TerraformStack, resolved: Resolved): unknown {
  const { rawOverrides: overrides, cdktfVersion } = stack as unknown as StackInternals;
  const metadata: Record<string, unknown> = {
    version: cdktfVersion,
    stackName: stack.node.id,
    backend: 'local',
    cloud: undefined,
    ...(Object.keys(overrides).length > 0 ? { overrides: { stack: Object.keys(overrides) } } : {}),
  };
  const elements = elementsOf(stack);
  for (const element of elements) deepMerge(metadata, resolve(stack, element.toMetadata()));
  const outputs = {};
  for (const element of elements) if (TerraformOutput.isTerraformOutput(element)) deepMerge(outputs, outputPath(element));
  const document: Record<string, unknown> = { '//': { metadata, outputs } };
  // An element the pass did not see (a cross-stack output or remote state it created) is resolved here.
  for (const element of elements)
    deepMerge(document, resolved.has(element) ? resolved.get(element) : resolve(stack, element.toTerraform()));
  deepMerge(document, overrides);
  return Object.keys(overrides).length > 0 ? resolve(stack, document) : document;
}

/**
 * `app.synth()` with every element resolved once instead of twice. cdktf resolves
 * each element in a preparing pass (which discovers cross-stack references and adds
 * their outputs and remote states), runs the aspects, then resolves everything again
 * to write it: ~45 % of the Terraform half's time (measured in process). Here the aspects run
 * first (cdktf's own runner; they run again in each stack's synthesizer, where they
 * change nothing), the preparing pass keeps what it resolved, and each stack's
 * document is built from that. test/tools/synth/single-pass-synth.test.ts holds the
 * output byte-identical to `app.synth()`.
 */
export function synthesizeApp(app: App): void {
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  for (const stack of stacks) invokeAspects(stack);
  const resolved: Resolved = new WeakMap();
  for (const stack of stacks) {
    stack.ensureBackendExists();
    for (const element of elementsOf(stack)) resolved.set(element, resolve(stack, element.toTerraform(), true));
  }
  const session = { outdir: app.outdir, skipValidation: app.skipValidation, manifest: app.manifest };
  for (const stack of stacks) {
    stack.toTerraform = () => stackDocument(stack, resolved);
    stack.synthesizer.synthesize(session);
  }
  if (!app.skipValidation) {
    const errors = app.node.validate();
    if (errors.length) throw appValidationFailure(errors.join('\n  '));
  }
  app.manifest.writeToFile();
}
