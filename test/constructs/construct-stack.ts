import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, Testing, TerraformStack, type App } from 'cdktf';
import { expect } from 'vitest';

/** The account of every construct fixture: not TradeSense's, so no test leans on config values. */
export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const PEER_REGION = 'us-west-2';

/** Untyped Terraform JSON of one synthesized stack: tests assert its shape. */
export interface Synthesized {
  readonly text: string;
  readonly resource: Record<string, Record<string, any>>;
  readonly data: Record<string, Record<string, any>>;
  /** Values exposed with probe(), as Terraform expressions. */
  readonly output: Record<string, { value: unknown }>;
}

/**
 * A bare stack with one AWS provider in `REGION`: constructs are tested on
 * their own, without the platform stack's aspects, backend or config.
 */
export function awsStack(): TerraformStack & { provider: AwsProvider } {
  const stack = new TerraformStack(Testing.app() as App, 'construct-test');
  return Object.assign(stack, { provider: new AwsProvider(stack, 'aws', { region: REGION }) });
}

/** An aliased provider for another region, as stacks pass to cross-region constructs. */
export function regionProvider(stack: TerraformStack, region: string): AwsProvider {
  return new AwsProvider(stack, `aws-${region}`, { region, alias: region });
}

/** Synthesizes the stack (validations included) and parses it. */
export function synth(stack: TerraformStack): Synthesized {
  const text = Testing.synth(stack, true);
  const json = JSON.parse(text);
  return { text, resource: json.resource ?? {}, data: json.data ?? {}, output: json.output ?? {} };
}

/** Every resource of one Terraform type, in the order synth writes them (sorted by logical id). */
export function all(out: Synthesized, type: string): any[] {
  return Object.values(out.resource[type] ?? {});
}

/** The only resource of one Terraform type (fails the test if there are more or none). */
export function only(out: Synthesized, type: string): any {
  const found = all(out, type);
  expect(found, `${type} resources`).toHaveLength(1);
  return found[0];
}

/** A resource of one type whose JSON contains `marker` (a name, an id fragment). */
export function named(out: Synthesized, type: string, marker: string): any {
  const found = all(out, type).filter((r) => JSON.stringify(r).includes(marker));
  expect(found, `${type} resources mentioning '${marker}'`).toHaveLength(1);
  return found[0];
}

/** A policy document rendered by policyDocument(): its statements keyed by Sid. */
export function statements(policy: string): Record<string, any> {
  const doc = JSON.parse(policy);
  expect(doc.Version).toBe('2012-10-17');
  return Object.fromEntries(doc.Statement.map((s: any, i: number) => [s.Sid ?? `#${i}`, s]));
}

/** The provider reference Terraform JSON carries for an aliased provider. */
export const providerRef = (region: string) => `aws.${region}`;

/** Exposes a construct attribute (a token) as an output, to read the expression it resolves to after synth. */
export function probe(stack: TerraformStack, name: string, value: unknown): void {
  new TerraformOutput(stack, name, { value });
}

/** The Terraform address of one resource, `type.key`; `marker` picks among several (as in depends_on). */
export function address(out: Synthesized, type: string, marker?: string): string {
  const keys = Object.entries(out.resource[type] ?? {})
    .filter(([, r]) => marker === undefined || JSON.stringify(r).includes(marker))
    .map(([key]) => key);
  expect(keys, `${type} resources${marker ? ` mentioning '${marker}'` : ''}`).toHaveLength(1);
  return `${type}.${keys[0]}`;
}

/** The Terraform expression of one resource's attribute, `${type.key.attribute}`. */
export function ref(out: Synthesized, type: string, attribute: string, marker?: string): string {
  return `\${${address(out, type, marker)}.${attribute}}`;
}

/** A data source of one type whose JSON contains `marker`. */
export function namedData(out: Synthesized, type: string, marker: string): any {
  return named({ ...out, resource: out.data }, type, marker);
}
