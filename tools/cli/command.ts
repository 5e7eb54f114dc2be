import { parseArgs } from 'node:util';
import { suggestion } from '../../config/nearest.js';
import { UsageError } from './errors.js';

/** One `--flag` of a command. Parsing is node:util parseArgs (Node's own parser); this adds help, usage and the checks around it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** Placeholder shown in the usage: `--config <file>`. @default value */
  readonly value?: string;
  readonly short?: string;
  /** The option must be given (exit 2 with the usage otherwise). @default false */
  readonly required?: boolean;
}

export interface PositionalSpec {
  readonly name: string;
  readonly description: string;
  /** @default true */
  readonly required?: boolean;
  /** The only values accepted. */
  readonly choices?: readonly string[];
  /** Takes every remaining argument (last positional only). @default false */
  readonly variadic?: boolean;
}

export interface CommandSpec {
  /** How the user runs it: `npm run synth --`. */
  readonly name: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly positionals?: readonly PositionalSpec[];
  /** Extra help text: exit codes, examples. */
  readonly details?: string;
}

export interface ParsedCommand {
  readonly help: boolean;
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help and exit' };

const flag = (name: string, o: OptionSpec) => `--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;

export function usageLine(spec: CommandSpec): string {
  const options = Object.entries(spec.options).map(([name, o]) => (o.required ? flag(name, o) : `[${flag(name, o)}]`));
  const positionals = (spec.positionals ?? []).map((p) => {
    const label = p.choices ? p.choices.join('|') : `<${p.name}>`;
    const text = p.variadic ? `${label}...` : label;
    return p.required === false ? `[${text}]` : text;
  });
  return `usage: ${[spec.name, ...positionals, ...options].join(' ')}`;
}

/** The text `--help` prints. */
export function helpText(spec: CommandSpec): string {
  const rows: [string, string][] = [
    ...(spec.positionals ?? []).map((p): [string, string] => [p.choices ? p.choices.join('|') : `<${p.name}>`, p.description]),
    ...Object.entries({ ...spec.options, help: HELP }).map(([name, o]): [string, string] => [
      `${o.short ? `-${o.short}, ` : ''}${flag(name, o)}`,
      o.description,
    ]),
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    usageLine(spec),
    '',
    spec.summary,
    '',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    ...(spec.details ? ['', spec.details] : []),
    '',
  ].join('\n');
}

/**
 * Parses argv against the spec: unknown flags, missing values, repeated flags,
 * values given to a boolean, missing or extra positionals all throw a UsageError
 * naming the argument (and the nearest flag for a misspelt one). `--help`/`-h`
 * before a `--` wins over everything else.
 */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): ParsedCommand {
  const terminator = argv.indexOf('--');
  const head = terminator === -1 ? argv : argv.slice(0, terminator);
  if (head.includes('--help') || head.includes('-h')) return { help: true, values: {}, positionals: [] };
  const options = spec.options;
  const shorts = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const name = token.rawName.startsWith('--') ? token.name : (shorts.get(token.name) ?? token.name);
    const option = options[name];
    if (!option) {
      const known = Object.keys(options).map((n) => `--${n}`);
      throw new UsageError(
        `unknown option '${token.rawName}'; ${known.length > 0 ? suggestion(token.rawName, known) : 'this command takes no options'}`,
      );
    }
    if (values[name] !== undefined) throw new UsageError(`${token.rawName} is given twice; give it once`);
    if (option.type === 'boolean') {
      if (token.value !== undefined)
        throw new UsageError(`${token.rawName} takes no value (got '${token.value}'); write ${token.rawName} alone`);
      values[name] = true;
    } else if (token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('-'))) {
      throw new UsageError(`${flag(name, option)} needs a value${token.value ? ` (got the option ${token.value})` : ''}`);
    } else {
      values[name] = token.value;
    }
  }
  for (const [name, option] of Object.entries(options)) {
    if (option.required && values[name] === undefined) throw new UsageError(`${flag(name, option)} is required`);
  }
  checkPositionals(spec.positionals ?? [], positionals);
  return { help: false, values, positionals };
}

function checkPositionals(specs: readonly PositionalSpec[], given: readonly string[]): void {
  const variadic = specs.at(-1)?.variadic === true;
  specs.forEach((p, i) => {
    const value = given[i];
    if (value === undefined) {
      if (p.required !== false) throw new UsageError(`missing <${p.name}>: ${p.description}`);
      return;
    }
    if (p.choices && !p.choices.includes(value)) throw new UsageError(`unknown ${p.name} '${value}'; ${suggestion(value, p.choices)}`);
  });
  if (!variadic && given.length > specs.length) {
    const extra = given.slice(specs.length);
    throw new UsageError(
      `unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((a) => `'${a}'`).join(' ')}${specs.length === 0 ? '; this command takes no arguments' : ''}`,
    );
  }
}
