/**
 * `npm run validate`: real `terraform init -backend=false` + `terraform validate`
 * over every synthesized stack in cdktf.out/stacks, offline, with the provider
 * from a local filesystem mirror. Synthesizes first when cdktf.out/ is absent or
 * older than the sources (`--no-synth` validates it as it is).
 *
 *   --no-synth           validate cdktf.out/stacks as it is, even when older than the sources
 *   --probe              print the terraform and the mirror it would use; exit 1 (with the reason) when it cannot run
 *   --jobs N             roots validated at once (default: the machine's cores)
 *   --stacks-per-root N  most stacks in one terraform process (default DEFAULT_STACKS_PER_ROOT; bounds memory)
 *
 * Environment: TF_PROVIDER_MIRROR names the mirror folder (else the usual places are searched,
 * tools/validate/mirror.ts); TF_PLUGIN_CACHE_DIR the plugin cache (else .build/terraform/plugin-cache).
 *
 * Exit 0: no stack failed (version skew and skipped stacks are reported, not failed);
 * 1: a stack failed or synth failed; 2: terraform or a mirror is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { CommandSpec } from '../cli/command.js';
import { UsageError } from '../cli/errors.js';
import { integerOption, stringValue } from '../cli/input.js';
import { runCommand, runIfMain, type CliIo } from '../cli/run.js';
import { staleReason } from './freshness.js';
import { findMirror, processMirrorEnvironment, type Mirror } from './mirror.js';
import { cdktfProviderKnowledge, findCdktfProviderPackage, type ProviderKnowledge } from './provider-knowledge.js';
import { runValidation } from './run.js';
import { planStack, type StackJson } from './stack-plan.js';
import { countStacks, exitCode, failureLines, skewLines, skippedLines, summaryLine, warningLines, type Skipped } from './summary.js';
import { cliConfig, findTerraform, terraformEnv, type TerraformBinary } from './terraform-env.js';
import { DEFAULT_STACKS_PER_ROOT } from './workspace.js';

const outDir = 'cdktf.out';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const VALIDATE_COMMAND: CommandSpec = {
  name: 'npm run validate --',
  summary:
    'terraform init -backend=false + terraform validate of every synthesized stack, offline, with the provider from a local mirror (synthesizes first when cdktf.out/ is stale).',
  options: {
    'no-synth': { type: 'boolean', description: 'validate cdktf.out/stacks as it is, even when older than the sources' },
    probe: { type: 'boolean', description: 'print the terraform and the mirror it would use; exit 1 (with the reason) when it cannot run' },
    jobs: { type: 'string', value: 'n', description: "roots validated at once (default: the machine's cores)" },
    'stacks-per-root': {
      type: 'string',
      value: 'n',
      description: `most stacks in one terraform process (default ${DEFAULT_STACKS_PER_ROOT}; bounds memory)`,
    },
  },
  details:
    'Environment: TF_PROVIDER_MIRROR, TF_PLUGIN_CACHE_DIR. exit codes: 0 no stack failed, 1 a stack or synth failed, 2 usage error or no terraform/mirror here',
};

/** The exit code of the whole run (see the header). */
async function main(values: Readonly<Record<string, string | boolean | undefined>>, io: CliIo): Promise<number> {
  const started = performance.now();
  const root = io.cwd;
  const jobs = integerOption('--jobs', stringValue(values.jobs), 1, availableParallelism());
  const stacksPerRoot = integerOption('--stacks-per-root', stringValue(values['stacks-per-root']), 1, DEFAULT_STACKS_PER_ROOT);
  const log = (line: string) => io.stdout(`${line}\n`);

  const tf = findTerraform();
  const mirror = findMirror(processMirrorEnvironment());
  const missing = 'missing' in tf ? tf.missing : 'missing' in mirror ? mirror.missing : undefined;
  if (values.probe) {
    log(missing ?? describe(tf as TerraformBinary, mirror as Mirror));
    return missing ? 1 : 0;
  }
  if (missing) {
    io.stderr(`validate: cannot run here: ${missing}\n`);
    return 2;
  }
  const found = mirror as Mirror;
  log(`validate: ${describe(tf as TerraformBinary, found)}`);

  const synthMs = synthIfStale(root, values['no-synth'] === true, io);
  if (synthMs === undefined) return 1;

  const stacksDir = join(root, outDir, 'stacks');
  const names = existsSync(stacksDir)
    ? readdirSync(stacksDir)
        .filter((n) => existsSync(join(stacksDir, n, 'cdk.tf.json')))
        .sort()
    : [];
  if (names.length === 0) {
    io.stderr(`validate: no stacks under ${outDir}/stacks\n`);
    return 1;
  }
  const plans = names.map((name) =>
    planStack(name, JSON.parse(readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as StackJson, found),
  );
  const skipped: Skipped[] = plans.flatMap((p) => ('skipped' in p ? [{ stack: p.name, reason: p.skipped }] : []));
  const toRun = plans.flatMap((p) => ('skipped' in p ? [] : [p]));

  const workDir = resolve(root, '.build/validate');
  // Terraform's own variable names the cache when set (one cache for several checkouts); else one under .build/.
  const pluginCacheDir = resolve(root, process.env.TF_PLUGIN_CACHE_DIR || '.build/terraform/plugin-cache');
  mkdirSync(pluginCacheDir, { recursive: true });
  mkdirSync(workDir, { recursive: true });
  const sources = [...new Set(toRun.flatMap((s) => s.providers.map((p) => p.source)))].sort();
  const config = cliConfig({ mirror: resolve(found.path), pluginCacheDir, providers: sources });
  const configFile = join(workDir, 'terraformrc');
  writeFileSync(configFile, config);

  // Every stack skipped: nothing to hand terraform.
  const { outcomes, timings } =
    toRun.length === 0
      ? { outcomes: [], timings: { initMs: 0, validateMs: 0, roots: 0 } }
      : await runValidation(toRun, {
          workDir,
          cliConfig: config,
          env: terraformEnv(process.env, configFile),
          knowledge: (source) => knowledgeOf(root, source),
          jobs,
          stacksPerRoot,
          log: (line) => log(`validate: ${line}`),
        });
  for (const line of [...warningLines(outcomes), ...skewLines(outcomes), ...skippedLines(skipped), ...failureLines(outcomes)]) log(line);
  const counts = countStacks(outcomes, skipped);
  const detail =
    `${synthMs > 0 ? `synth ${seconds(synthMs)}, ` : ''}init ${seconds(timings.initMs)}, ` +
    `terraform validate ${seconds(timings.validateMs)} in ${timings.roots} roots, ${jobs} at a time`;
  log(summaryLine(counts, performance.now() - started, detail));
  return exitCode(counts);
}

/** Synthesizes when cdktf.out/ is stale (unless told not to): its duration in ms, 0 when not needed, undefined when synth failed. */
function synthIfStale(root: string, noSynth: boolean, io: CliIo): number | undefined {
  const stale = staleReason(root, outDir);
  if (!stale) return 0;
  if (noSynth) {
    io.stdout(`validate: warning: ${stale}; validating ${outDir}/stacks as it is (--no-synth)\n`);
    return 0;
  }
  io.stdout(`validate: ${stale}: synthesizing first\n`);
  const synthStarted = performance.now();
  const synth = spawnSync(process.execPath, [join(root, 'tools/run.mjs'), join(root, 'tools/synth.ts')], { cwd: root, stdio: 'inherit' });
  if (synth.status === 0) return performance.now() - synthStarted;
  io.stderr('validate: synth failed, nothing validated\n');
  return undefined;
}

/** What the pinned provider knows, from its installed cdktf bindings (read once per provider). */
const knowledge = new Map<string, ProviderKnowledge | undefined>();
function knowledgeOf(root: string, source: string): ProviderKnowledge | undefined {
  if (!knowledge.has(source)) {
    const dir = findCdktfProviderPackage(root, source);
    knowledge.set(source, dir ? cdktfProviderKnowledge(dir) : undefined);
  }
  return knowledge.get(source);
}

function describe(terraform: TerraformBinary, m: Mirror): string {
  const providers = [...m.providers.entries()].map(([source, versions]) => `${source} ${versions.join(', ')}`).join('; ');
  return `terraform ${terraform.version}; provider mirror ${m.path} (${m.why}): ${providers}`;
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(VALIDATE_COMMAND, argv, io, async ({ values }) => {
    try {
      return await main(values, io);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      // terraform and file-system failures: the message names what failed, no stack trace.
      io.stderr(`validate: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  });
}

runIfMain(import.meta.url, run);
