import { Document, isMap, isScalar, isSeq, visit } from 'yaml';

/** Third-party actions the generated workflows use, pinned to a commit, with the version a reader checks. */
export const ACTIONS = {
  checkout: { ref: 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683', version: 'v4.2.2' },
  setupNode: { ref: 'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020', version: 'v4.4.0' },
  uploadArtifact: { ref: 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02', version: 'v4.6.2' },
  downloadArtifact: { ref: 'actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093', version: 'v4.3.0' },
} as const;

/** The Node.js version of every workflow (a test binds it to pr.yml's). */
export const NODE_VERSION = '20';

/** The runner of every generated job. */
export const RUNNER = 'ubuntu-24.04';

/** A GitHub Actions expression, `$` + `{{ body }}`, without a template-looking string in the source. */
export const expr = (body: string): string => `$${'{{'} ${body} }}`;

/** `if:` of a job that runs only when every job it needs succeeded, and only these (not their ancestors). */
export const whenSucceeded = (needs: readonly string[]): string => expr(['!cancelled()', ...needs.map((n) => `needs.${n}.result == 'success'`)].join(' && '));

/** GitHub does not start a run of a workflow file larger than this. */
const MAX_WORKFLOW_BYTES = 500 * 1024;

const VERSIONS = new Map<string, string>(Object.values(ACTIONS).map((a) => [a.ref, a.version]));

/**
 * YAML text of a workflow: the header as comments, a blank line between jobs,
 * `needs` in flow style, and every pinned action followed by its version.
 */
export function workflowYaml(header: readonly string[], workflow: Record<string, unknown>): string {
  const doc = new Document(workflow);
  doc.commentBefore = header.map((line) => ` ${line}`).join('\n');
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key)) return;
      if (pair.key.value === 'uses' && isScalar(pair.value)) {
        const version = VERSIONS.get(String(pair.value.value));
        if (version) pair.value.comment = ` ${version}`;
      }
      if (pair.key.value === 'needs' && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  const jobs = doc.get('jobs', true);
  if (isMap(jobs)) for (const item of jobs.items.slice(1)) if (isScalar(item.key)) item.key.spaceBefore = true;
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_WORKFLOW_BYTES) throw new Error(`the generated workflow '${String(workflow.name)}' has ${bytes} bytes; GitHub starts no run of a workflow file over ${MAX_WORKFLOW_BYTES}: split it by environment`);
  return text;
}
