import { orderedEnvironments } from '../../config/derive/targets.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { SynthOutput } from '../synth/output.js';
import { drFacts, type DrFacts, type RegionNames } from './dr-facts.js';
import { recoveryObjectives } from './recovery-objectives.js';
import { failbackSteps, failoverSteps, type Step } from './runbook-steps.js';

const HEADER = '<!-- Generated at synth by tools/dr/runbook.ts from config and the synthesized stacks. DO NOT EDIT. -->';

const cell = (text: string) => text.replace(/\|/g, '\\|');

function steps(list: Step[]): string[] {
  return list.flatMap((step, i) => [
    `${i + 1}. **${step.title}**`,
    ...(step.note ? [`   ${step.note}`] : []),
    ...(step.commands?.length ? ['   ```sh', ...step.commands.map((c) => `   ${c}`), '   ```'] : []),
  ]);
}

function regionRows(r: RegionNames, role: string): string {
  return `| ${role} | ${r.region} | ${r.clusterName} | ${r.database ?? '-'} | ${r.vault ?? '-'} | ${r.veleroBucket} | ${r.hostname ?? '-'} |`;
}

/** Where a plan's recovery points are copied, in words. */
function copiedTo(facts: DrFacts, plan: DrFacts['plans'][number]): string {
  if (!plan.copies) return 'no cross-region copy';
  return facts.replicas.length === 1 ? 'copied to the other region' : `copied to ${plan.copyRegions.join(', ')}`;
}

/** The DR runbook of one environment, as Markdown. */
export function renderRunbook(facts: DrFacts, config: PlatformConfig): string {
  const { primary, replicas } = facts;
  const [replica] = replicas;
  const lines = [
    HEADER,
    `# Disaster recovery runbook: ${facts.envName}`,
    '',
    `Owner: ${facts.contact}. Database engine: \`${facts.data.database.engine}\`. Design: docs/disaster-recovery.md.`,
    '',
    '## Where everything is',
    '',
    '| Role | Region | EKS cluster | Database | Backup vault | Velero bucket | API hostname |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    regionRows(primary, 'primary'),
    ...replicas.map((r) => regionRows(r, 'secondary')),
    '',
    `Stacks: ${[facts.stacks.database, facts.stacks.backup, facts.stacks.velero, facts.stacks.dns]
      .filter(Boolean)
      .map((s) => `\`${s}\``)
      .join(', ')}.` +
      (facts.globalCluster ? ` Global cluster: \`${facts.globalCluster}\`.` : '') +
      (facts.failoverRecord ? ` Failover name: \`${facts.failoverRecord}\`.` : ''),
    '',
    '## Recovery objectives',
    '',
    '| Component | RPO | Follows from | RTO | Follows from |',
    '| --- | --- | --- | --- | --- |',
    ...recoveryObjectives(facts, config).map(
      (o) => `| ${cell(o.component)} | ${cell(o.rpo)} | ${cell(o.rpoBasis)} | ${cell(o.rto)} | ${cell(o.rtoBasis)} |`,
    ),
    '',
    '## Backup plans',
    '',
    ...facts.plans.map((p) => `- \`${p.name}\` (${p.region}): \`${p.schedule}\`, ${copiedTo(facts, p)}`),
    '',
    `## Failover${replica ? ` to ${replica.region}` : ''}`,
    '',
    ...steps(failoverSteps(facts)),
  ];
  const back = failbackSteps(facts);
  if (back.length) lines.push('', `## Fail-back to ${primary.region}`, '', ...steps(back));
  // Several replicas: the same steps toward each other one, for when the first cannot take over.
  for (const other of replicas.slice(1)) {
    lines.push('', `## Failover to ${other.region} instead`, '', ...steps(failoverSteps(facts, other)));
    lines.push('', `## Fail-back to ${primary.region} from ${other.region}`, '', ...steps(failbackSteps(facts, other)));
  }
  if (replica && facts.waivers.length) {
    lines.push(
      '',
      '## Stateful resources without a cross-region copy (reviewed)',
      '',
      ...facts.waivers.map((w) => `- \`${w.where}\`: ${w.reason}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The runbook of `envName` from one synth; says so when the config has no such environment. */
export function drRunbook(envName: string) {
  return (output: SynthOutput, config: PlatformConfig): string => {
    const facts = drFacts(output, config, envName);
    return facts
      ? renderRunbook(facts, config)
      : `${HEADER}\n# Disaster recovery runbook: ${envName}\n\nNo environment '${envName}' with a data section in this config.\n`;
  };
}

/** `dr-runbook-<env>.md` for every environment of the config being synthesized. */
export function drRunbooks(config: PlatformConfig): Record<string, ReturnType<typeof drRunbook>> {
  return Object.fromEntries(orderedEnvironments(config).map(([envName]) => [`dr-runbook-${envName}.md`, drRunbook(envName)]));
}
