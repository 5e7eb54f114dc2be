import { activatesCostAllocationTags } from '../../config/derive/cost.js';
import { orderedEnvironments } from '../../config/derive/targets.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import type { Prerequisite } from '../../config/schema/prerequisites.js';
import { envOfStack, indexPrerequisites } from '../../policies/prerequisites/needs.js';
import { blocksOf, literal, placeOf, providerPlaces, text } from '../../policies/terraform.js';
import type { SynthOutput, SynthStack } from '../synth/output.js';

const HEADER =
  '<!-- Generated at synth by tools/prerequisites/report.ts from config.prerequisites and the synthesized stacks. DO NOT EDIT. -->';

/** A secret a stack creates with no value: someone sets it out of band. */
export interface EmptySecret {
  readonly name: string;
  readonly region: string;
  readonly where: string;
  readonly description: string;
}

/** ECR reads pull-through credentials as this JSON; other secrets hold what their description says. */
const valueOf = (secret: EmptySecret): string =>
  secret.name.startsWith('ecr-pullthroughcache/')
    ? '{"username":"<upstream user>","accessToken":"<upstream access token>"}'
    : '<value: see the description>';

/** Secrets of the environment's stacks without an `aws_secretsmanager_secret_version` (or RDS-managed value). */
export function emptySecrets(stacks: readonly SynthStack[], config: PlatformConfig, envName: string): EmptySecret[] {
  return stacks
    .filter((s) => envOfStack(config, s.name) === envName)
    .flatMap((stack) => {
      const places = providerPlaces(stack);
      const versions = blocksOf(stack, 'resource').filter(([type]) => type === 'aws_secretsmanager_secret_version');
      return blocksOf(stack, 'resource')
        .filter(([type]) => type === 'aws_secretsmanager_secret')
        .filter(([, name]) => !versions.some(([, , v]) => text(v.secret_id).includes(`aws_secretsmanager_secret.${name}.`)))
        .flatMap(([type, name, body]) => {
          const secretName = literal(body.name);
          return secretName
            ? [
                {
                  name: secretName,
                  region: placeOf(places, body).region,
                  where: `${stack.name}/${type}.${name}`,
                  description: text(body.description),
                },
              ]
            : [];
        });
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.region.localeCompare(b.region));
}

function prerequisiteSection(p: Prerequisite, users: readonly string[]): string[] {
  return [
    `### ${p.kind} \`${p.match}\`${p.region ? ` (${p.region})` : ''}`,
    '',
    `Why: ${p.why}`,
    '',
    'Needed by:',
    ...users.map((u) => `- \`${u}\``),
    '',
    '```sh',
    p.create,
    '```',
    '',
  ];
}

function costTagStep(config: PlatformConfig, envName: string): string {
  if (activatesCostAllocationTags(config, envName)) {
    return `- Cost allocation tags: activated by \`${envName}-global-cost-tag-activation\` (cost.environments.${envName}.activateCostAllocationTags is set).`;
  }
  if (config.organization.managementAccountId && envName !== config.cost.governanceEnvironment) {
    return `- Cost allocation tags: activated in the management account by \`${config.cost.governanceEnvironment}-global-cost-tag-activation\`.`;
  }
  return (
    `- Cost allocation tags: once Billing > Cost allocation tags lists the taxonomy keys (up to 24 hours after the first tagged resource), ` +
    `set \`cost.environments.${envName}.activateCostAllocationTags: true\` and deploy: that adds \`${envName}-global-cost-tag-activation\`. ` +
    'Activating a key Billing has not seen fails, which is why the first deploy leaves it out.'
  );
}

/** The prerequisites report of one environment, as Markdown. */
export function renderPrerequisites(output: SynthOutput, config: PlatformConfig, envName: string): string {
  const env = config.environments[envName];
  if (!env) return `${HEADER}\n# Account prerequisites: ${envName}\n\nNo environment '${envName}' in this config.\n`;
  const declared = config.prerequisites[envName] ?? [];
  const needs = indexPrerequisites(output.stacks, config, output.states).needs.filter((n) => n.envName === envName);
  const secrets = emptySecrets(output.stacks, config, envName);
  const lines = [
    HEADER,
    `# Account prerequisites: ${envName}`,
    '',
    `Account ${env.accountId}. What must exist before the first \`cdktf deploy\` of ${envName} because no stack creates it, and what to do after. ` +
      '`npm run synth` fails when a stack names something that no stack of the account creates and that is not declared in config/values/prerequisites.ts.',
    '',
    '## Before the first deploy',
    '',
    `First the state bucket: README, "Bootstrapping an account" (\`npm run state -- bootstrap ${envName}\`). Then, with an administrator's credentials:`,
    '',
    ...(declared.length === 0 ? ['Nothing else: every stack of this account applies on an empty account.', ''] : []),
    ...declared.flatMap((p, i) => {
      const users = [...new Set(needs.filter((n) => n.declaration === i).map((n) => `${n.reference.stack}/${n.reference.address}`))].sort();
      return prerequisiteSection(p, users);
    }),
    '## Secrets the stacks create without a value',
    '',
    ...(secrets.length === 0
      ? ['None.']
      : [
          'Set each right after the stack that creates it first applies (what reads it fails until then); the value never goes through Terraform or git.',
          '',
          ...secrets.flatMap((s) => [
            `- \`${s.name}\` (${s.region}), created by \`${s.where}\`: ${s.description}`,
            '  ```sh',
            `  aws secretsmanager put-secret-value --region ${s.region} --secret-id ${s.name} --secret-string '${valueOf(s)}'`,
            '  ```',
          ]),
        ]),
    '',
    '## Later steps',
    '',
    costTagStep(config, envName),
  ];
  return `${lines.join('\n')}\n`;
}

/** `prerequisites-<env>.md` for every environment of the config being synthesized. */
export function prerequisiteReports(config: PlatformConfig): Record<string, (output: SynthOutput, config: PlatformConfig) => string> {
  return Object.fromEntries(
    orderedEnvironments(config).map(([envName]) => [
      `prerequisites-${envName}.md`,
      (output: SynthOutput, c: PlatformConfig) => renderPrerequisites(output, c, envName),
    ]),
  );
}
