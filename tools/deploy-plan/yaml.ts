import { dump } from 'js-yaml';

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
export const whenSucceeded = (needs: readonly string[]): string =>
  expr(['!cancelled()', ...needs.map((n) => `needs.${n}.result == 'success'`)].join(' && '));

/** GitHub does not start a run of a workflow file larger than this. */
const MAX_WORKFLOW_BYTES = 500 * 1024;

const VERSIONS = new Map<string, string>(Object.values(ACTIONS).map((a) => [a.ref, a.version]));

/** js-yaml writes a key whose value is a list or map on its own line: `  <job>:` at two spaces under `jobs:`. */
const JOB_KEY = /^ {2}[\w-]+:$/;
/** A step's `uses:` line (`- uses: <ref>` or `uses: <ref>`). */
const USES = /^(\s*(?:- )?uses: )(\S+)$/;

/**
 * YAML text of a workflow: the header as comments, a blank line between jobs,
 * and every pinned action followed by its version. Written by the repository's
 * one YAML library (js-yaml), which writes no comments: they are added to the
 * lines it wrote, whose shape the two patterns above depend on.
 */
export function workflowYaml(header: readonly string[], workflow: Record<string, unknown>): string {
  const lines = dump(workflow, { lineWidth: -1, noRefs: true, quotingType: "'" }).trimEnd().split('\n');
  let inJobs = false;
  let jobs = 0;
  const out: string[] = [...header.map((line) => (line === '' ? '#' : `# ${line}`)), ''];
  for (const line of lines) {
    if (/^\S/.test(line)) inJobs = line === 'jobs:';
    if (inJobs && JOB_KEY.test(line) && jobs++ > 0) out.push('');
    const uses = USES.exec(line);
    const version = uses ? VERSIONS.get(uses[2] ?? '') : undefined;
    out.push(version ? `${line} # ${version}` : line);
  }
  const text = `${out.join('\n')}\n`;
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_WORKFLOW_BYTES)
    throw new Error(
      `the generated workflow '${String(workflow.name)}' has ${bytes} bytes; GitHub starts no run of a workflow file over ${MAX_WORKFLOW_BYTES}: split it by environment`,
    );
  return text;
}
