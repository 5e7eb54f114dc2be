import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { PlatformConfigInput } from '../../config/schema/platform.js';
import { run as loadTests } from '../../load-tests/generate.js';
import { run as bench } from '../../tools/bench.js';
import { run as refresh } from '../../tools/charts/refresh.js';
import type { CliRun } from '../../tools/cli/run.js';
import { run as codeowners } from '../../tools/codeowners/cli.js';
import { run as compliance } from '../../tools/compliance/cli.js';
import { run as config } from '../../tools/config/cli.js';
import { run as cost } from '../../tools/cost/cli.js';
import { run as diff } from '../../tools/diff/cli.js';
import { run as dora } from '../../tools/dora/cli.js';
import { run as drift } from '../../tools/drift/cli.js';
import { run as state } from '../../tools/state/cli.js';
import { run as synth } from '../../tools/synth.js';
import { run as validate } from '../../tools/validate/cli.js';
import { configInput } from '../support/platform.js';
import { runCli, STACK_FRAME, treeOf } from './cli/harness.js';

const REPO = resolve(__dirname, '../..');

type Mutation = (c: PlatformConfigInput & Record<string, unknown>) => void;
type Files = Record<string, string>;

interface Row {
  readonly tool: CliRun;
  readonly argv: readonly string[];
  /** Files the row starts from (beside the earlier output every row has). */
  readonly files?: Files;
  /** Run in the repository (git refs) instead of a scratch folder. */
  readonly inRepo?: boolean;
  readonly code: 1 | 2;
  /** The field or argument, and the fix. */
  readonly says: RegExp;
}

const whatIf = (mutate: Mutation): Files => {
  const input = configInput() as PlatformConfigInput & Record<string, unknown>;
  mutate(input);
  return { 'what-if.json': JSON.stringify(input, null, 2) };
};
const env = (c: PlatformConfigInput, name: string) => c.environments[name] ?? expect.unreachable(`no environment ${name}`);
const database = (c: PlatformConfigInput, name: string) =>
  (c.data[name]?.database ?? expect.unreachable(`no database in ${name}`)) as Record<string, unknown>;

/** A config value, set through a what-if file, the way a reviewer would try it. */
const badConfig = (mutate: Mutation, says: RegExp, tool: CliRun = synth): Row => ({
  tool,
  argv: ['--config', 'what-if.json'],
  files: whatIf(mutate),
  code: 1,
  says,
});
const usage = (tool: CliRun, argv: readonly string[], says: RegExp, files?: Files): Row => ({ tool, argv, files, code: 2, says });
const input = (tool: CliRun, argv: readonly string[], says: RegExp, files?: Files): Row => ({ tool, argv, files, code: 1, says });

const rows: Record<string, Row> = {
  // Unknown keys, with the key meant.
  'a misspelt database setting': badConfig((c) => {
    const d = database(c, 'prod');
    d.slowStatementMS = d.slowStatementMs;
    delete d.slowStatementMs;
  }, /data\.prod\.database\.slowStatementMS: unknown key; did you mean 'slowStatementMs'\?/),
  'a misspelt top-level section': badConfig((c) => {
    c.environmnets = c.environments;
  }, /environmnets: unknown key; did you mean 'environments'\?/),
  'a misspelt team field': badConfig((c) => {
    const risk = c.teams.find((t) => t.name === 'risk') as Record<string, unknown>;
    risk.contactt = 'x';
  }, /teams\[risk\]\.contactt: unknown key; did you mean 'contact'\?/),
  'a misspelt node pool size': badConfig(
    (c) => {
      (env(c, 'prod').eks.nodePools.system as Record<string, unknown>).minsize = 3;
    },
    /environments\.prod\.eks\.nodePools\.system\.minsize: unknown key; did you mean 'minSize'\?/,
    config,
  ),
  'an unknown key without a near match': badConfig((c) => {
    (env(c, 'dev') as Record<string, unknown>).colour = 'blue';
  }, /environments\.dev\.colour: unknown key; use a key this object accepts: tier, accountId/),
  // Values outside what the schema accepts.
  'an enum value in the wrong case': badConfig((c) => {
    env(c, 'prod').network.natGateways = 'per-AZ' as never;
  }, /environments\.prod\.network\.natGateways: "per-AZ" is not allowed; did you mean 'per-az'\?/),
  'a missing tier': badConfig((c) => {
    delete (env(c, 'dev') as { tier?: unknown }).tier;
  }, /environments\.dev\.tier: missing: add tier \(one of development, staging, production\)/),
  'an account id as a number': badConfig((c) => {
    (env(c, 'dev') as Record<string, unknown>).accountId = 210987654321;
  }, /environments\.dev\.accountId: expected string, got number 210987654321; write it as a string/),
  'a zero budget': badConfig(
    (c) => {
      const dev = c.cost.environments.dev;
      if (dev) dev.monthlyBudgetUsd = 0;
    },
    /cost\.environments\.dev\.monthlyBudgetUsd: monthlyBudgetUsd is 0; .*set a positive amount/,
    cost,
  ),
  'an unknown region': badConfig((c) => {
    env(c, 'dev').regions.primary.region = 'us-west-1' as never;
  }, /environments\.dev\.regions\.primary\.region: unknown region 'us-west-1': use one of/),
  'an EKS version AWS never released': badConfig((c) => {
    env(c, 'dev').eks.version = '1.39';
  }, /environments\.dev\.eks\.version: 1\.39 is not in the EKS support calendar; add its dates/),
  'a missing owner': badConfig((c) => {
    delete (env(c, 'staging') as { owner?: unknown }).owner;
  }, /environments\.staging\.owner: missing owner: add owner \{ team, contact, costCentre \}/),
  'a service of an unknown team': badConfig((c) => {
    const s = c.services[0];
    if (s) s.team = 'nobody';
  }, /services\[order-gateway\]\.team: unknown team 'nobody' for service order-gateway; use one of/),
  'retention shorter than SOC 2 requires': badConfig((c) => {
    c.retention['audit-logs'].retentionDays = 90;
  }, /retention\.audit-logs\.retentionDays: 90 days is shorter than SOC 2 requires \(365.*raise it/),
  'a minor pinned under automatic upgrades': badConfig((c) => {
    database(c, 'prod').engineVersion = '16.6';
  }, /data\.prod\.database\.engineVersion: '16\.6' pins a minor while autoMinorVersionUpgrade is on.*set '16'/),
  // Invariants a platform engineer expects.
  'prod with one NAT gateway': badConfig((c) => {
    env(c, 'prod').network.natGateways = 'single';
  }, /environments\.prod\.network\.natGateways: production environment 'prod' has a single NAT gateway.*set 'per-az'/),
  'a single-AZ prod database': badConfig((c) => {
    database(c, 'prod').multiAz = false;
  }, /data\.prod\.database\.multiAz: .*runs in one AZ.*set multiAz: true/),
  'a one-node prod system pool': badConfig((c) => {
    Object.assign(env(c, 'prod').eks.nodePools.system, { minSize: 1, desiredSize: 1 });
  }, /environments\.prod\.eks\.nodePools\.system\.minSize: .*set minSize to at least 2/),
  "prod in staging's account": badConfig((c) => {
    env(c, 'prod').accountId = env(c, 'staging').accountId;
  }, /accountId: account 310987654321 is also the account of 'prod'.*its own account/),
  'prod deployed before staging': badConfig((c) => {
    c.deployOrder = ['dev', 'prod', 'staging'];
  }, /deployOrder\[1\]: production environment 'prod' deploys before 'staging'; move it after/),
  'an environment never deployed': badConfig((c) => {
    c.deployOrder = ['dev', 'prod'];
  }, /deployOrder: 'staging' is never deployed; add it to deployOrder/),
  'an instance type that does not exist': badConfig((c) => {
    env(c, 'prod').eks.nodePools.system.instanceTypes = ['m7g.banana'];
  }, /environments\.prod\.eks\.nodePools\.system\.instanceTypes\[0\]: m7g\.banana is not an EC2 instance type: m7g comes in medium, large/),
  'Postgres 99.9': badConfig((c) => {
    Object.assign(database(c, 'prod'), { engineVersion: '99.9', autoMinorVersionUpgrade: false });
  }, /data\.prod\.database\.engineVersion: postgres has no major 99 .*nearest: '17\.7'/),
  'an RDS class that does not exist': badConfig((c) => {
    database(c, 'staging').instanceClass = 'db.r7g.huge';
  }, /data\.staging\.database\.instanceClass: db\.r7g\.huge is not a DB instance class of postgres: db\.r7g comes in/),
  'two teams on one cost centre': badConfig((c) => {
    const t = c.teams.find((x) => x.name === 'portfolio');
    if (t) t.costCentre = 'CC-1000';
  }, /teams\[portfolio\]\.costCentre: CC-1000 is also team platform's cost centre.*its own cost centre/),
  // JSON files.
  'a --config file that does not exist': input(
    synth,
    ['--config', 'nope.json'],
    /--config nope\.json: cannot read it \(no such file or folder\); name a readable file/,
  ),
  'a --config folder': input(config, ['--config', 'cdktf.out'], /--config cdktf\.out: cannot read it \(is a directory, not a file\)/),
  'a trailing comma': input(
    synth,
    ['--config', 'what-if.json'],
    /what-if\.json:3:1: not valid JSON \(.*expected a double-quoted string there\)/,
    { 'what-if.json': '{\n  "deployOrder": ["dev"],\n}\n' },
  ),
  'an empty config file': input(config, ['--config', 'what-if.json'], /what-if\.json:1:1: not valid JSON/, { 'what-if.json': '' }),
  'a config that is an array': input(
    synth,
    ['--config', 'what-if.json'],
    /what-if\.json: invalid platform config .*\(root\): expected object, got array/s,
    { 'what-if.json': '[]' },
  ),
  'malformed deployment records': input(dora, ['--deployments', 'd.json', '--rollouts', 'r.json'], /d\.json:1:11: not valid JSON/, {
    'd.json': '[{"id": 1,, }]',
    'r.json': '[]',
  }),
  'deployment records missing a field': input(
    dora,
    ['--deployments', 'd.json', '--rollouts', 'r.json'],
    /--deployments d\.json: invalid deployments record at \[0\.id\]/,
    { 'd.json': '[{"sha": "abc1234"}]', 'r.json': '[]' },
  ),
  'an unreadable plan': input(drift, ['classify', 'prod-x', 'plan.json'], /plan plan\.json: cannot read it \(no such file or folder\)/),
  // Command lines.
  'an unknown flag': usage(synth, ['--bogus'], /unknown option '--bogus'; use one of --config, --env/),
  'a misspelt flag': usage(synth, ['--confg', 'x.json'], /unknown option '--confg'; did you mean '--config'\?/),
  'a flag without its value': usage(synth, ['--config'], /--config <file> needs a value/),
  'a flag whose value is another flag': usage(
    synth,
    ['--config', '--env', 'dev'],
    /--config <file> needs a value \(got the option --env\)/,
  ),
  'an unknown environment': usage(synth, ['--env', 'prd'], /--env 'prd' is no environment of the config; did you mean 'prod'\?/),
  'a stray argument': usage(synth, ['prod'], /unexpected argument 'prod'; this command takes no arguments/),
  'a value given to a switch': usage(cost, ['--json=yes'], /--json takes no value \(got 'yes'\); write --json alone/),
  'cost of an environment never synthesized': input(
    cost,
    ['--env', 'prod'],
    /no synthesized stacks of prod in .*; run npm run synth first/,
  ),
  'a misspelt codeowners flag': usage(codeowners, ['--chek'], /unknown option '--chek'; did you mean '--check'\?/),
  'a flag given twice': usage(codeowners, ['--check', '--check'], /--check is given twice; give it once/),
  'dora without its rollouts': usage(dora, ['--deployments', 'd.json'], /--rollouts <json-file> is required/),
  'dora with a date it cannot read': usage(
    dora,
    ['--deployments', 'd.json', '--rollouts', 'r.json', '--from', 'last week'],
    /--from 'last week' is not a date; use YYYY-MM-DD/,
  ),
  'dora with the window reversed': usage(
    dora,
    ['--deployments', 'd.json', '--rollouts', 'r.json', '--from', '2026-11-20', '--to', '2026-11-10'],
    /--from .* is not before --to .*; swap them/,
  ),
  'bench with too few runs': usage(bench, ['--runs', '1'], /--runs '1' is not a whole number of at least 3/),
  'bench with runs in words': usage(bench, ['--runs', 'five'], /--runs 'five' is not a whole number of at least 3/),
  'state without a command': usage(state, [], /missing <command>: bootstrap: local state/),
  'a misspelt state command': usage(state, ['bootstrp', 'dev'], /unknown command 'bootstrp'; did you mean 'bootstrap'\?/),
  'state of an unknown environment': usage(
    state,
    ['bootstrap', 'qa'],
    /<env> 'qa' is no environment of the config; use one of dev, staging, prod/,
  ),
  'a state replica where there is none': input(
    state,
    ['dr', 'dev'],
    /environment 'dev' has no state replica: it needs a second region \(add one to environments\.dev\.regions\.replicas\)/,
  ),
  'a chart refresh without a version': usage(refresh, ['istiod'], /missing <version>: chart version/),
  'a chart version that is no version': usage(refresh, ['istiod', 'latest'], /'latest' is not a chart version such as 1\.29\.1/),
  'a new chart without its repository': usage(
    refresh,
    ['newchart', '1.0.0'],
    /newchart is not vendored yet: name its repository with --repo <url>/,
  ),
  'a drift command without its plan': usage(drift, ['classify', 'prod-x'], /classify takes <stack> <plan\.json>, got 1 argument/),
  'a misspelt drift command': usage(drift, ['clasify', 'prod-x', 'plan.json'], /unknown command 'clasify'; did you mean 'classify'\?/),
  'an unknown matrix': usage(drift, ['matrix', 'nightly'], /matrix takes load-test, got 'nightly'/),
  'validate with no parallelism': usage(validate, ['--jobs', '0'], /--jobs '0' is not a whole number of at least 1/),
  'validate with a value given to a switch': usage(validate, ['--probe=yes'], /--probe takes no value \(got 'yes'\)/),
  'load tests with an argument': usage(loadTests, ['all'], /unexpected argument 'all'; this command takes no arguments/),
  'a diff without its base': usage(diff, [], /--base <git-ref> is required/),
  'a diff against a ref that does not exist': {
    tool: diff,
    argv: ['--base', 'no-such-ref-anywhere'],
    inRepo: true,
    code: 2,
    says: /--base: unknown git ref 'no-such-ref-anywhere': name a branch, tag or commit/,
  },
  'a compliance report without its file': usage(compliance, ['--out'], /--out <file> needs a value/),
  'a config export into a folder that does not exist': input(
    config,
    ['--out', 'no/such/folder/what-if.json'],
    /--out no\/such\/folder\/what-if\.json: cannot write it \(no such file or folder\)/,
  ),
};

/** Output an earlier run left: no failing run may touch it. */
const EARLIER: Files = {
  'cdktf.out/manifest.json': '{"stacks": {}}\n',
  'cdktf.out/stacks/dev-global-state/cdk.tf.json': '{"earlier": true}\n',
  'dist/dev/us-east-1/kustomization.yaml': 'earlier: true\n',
  'dist/reports/prerequisites-dev.md': '# earlier\n',
  CODEOWNERS: '* @tradesense/platform\n',
};

function scratch(files: Files): string {
  const root = mkdtempSync(join(tmpdir(), 'bad-input-'));
  for (const [file, text] of Object.entries({ ...EARLIER, ...files })) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

describe('bad inputs', () => {
  test('the table covers at least 40 of them', () => {
    expect(Object.keys(rows).length).toBeGreaterThanOrEqual(40);
  });

  test.each(Object.entries(rows))(
    '%s: exits non-zero naming the field or argument and the fix, no stack trace, earlier output untouched',
    async (_name, row) => {
      const cwd = row.inRepo ? REPO : scratch(row.files ?? {});
      const before = row.inRepo ? {} : treeOf(cwd);
      const result = await runCli(row.tool, row.argv, cwd);
      expect(result.stderr).toMatch(row.says);
      expect(result.code).toBe(row.code);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      if (row.code === 2) expect(result.stderr).toMatch(/^usage: /m);
      if (!row.inRepo) expect(treeOf(cwd)).toEqual(before);
    },
  );
});
