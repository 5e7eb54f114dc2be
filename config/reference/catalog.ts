/**
 * What exists at AWS: instance types, DB instance classes and engine versions, from
 * the offline catalog kept beside the pricing snapshot (tools/cost/pricing/catalog.json,
 * data only). Synth needs no network, so "does m7g.banana exist" is answered here.
 */
import catalogJson from '../../tools/cost/pricing/catalog.json';
import type { DatabaseSettings } from '../schema/data.js';
import { nearest } from '../nearest.js';

export interface Catalog {
  readonly date: string;
  /** EC2 sizes per family: `m7g` -> `large`, `xlarge`... */
  readonly ec2: Readonly<Record<string, readonly string[]>>;
  /** DB instance class sizes per family and AWS engine: `postgres` -> `db.r7g` -> `large`... */
  readonly rds: Readonly<Record<AwsEngine, Readonly<Record<string, readonly string[]>>>>;
  /** Released minors per major and AWS engine, as [first, latest]. */
  readonly engineVersions: Readonly<Record<AwsEngine, Readonly<Record<string, readonly [number, number]>>>>;
}

export type AwsEngine = 'postgres' | 'aurora-postgresql';

export const CATALOG = catalogJson as unknown as Catalog;

/** The AWS engine name of a configured database engine. */
export function awsEngineOf(engine: DatabaseSettings['engine']): AwsEngine {
  return engine === 'aurora-postgres-global' ? 'aurora-postgresql' : 'postgres';
}

const splitType = (type: string): [string, string] => {
  const dot = type.lastIndexOf('.');
  return dot < 0 ? [type, ''] : [type.slice(0, dot), type.slice(dot + 1)];
};

/** Why `type` is not in a family table (undefined when it is), with the nearest entry. */
function unknownType(type: string, families: Readonly<Record<string, readonly string[]>>, noun: string): string | undefined {
  const [family, size] = splitType(type);
  const sizes = families[family];
  if (sizes?.includes(size)) return undefined;
  if (sizes) {
    const close = nearest(size, sizes);
    return `${type} is not ${noun}: ${family} comes in ${sizes.join(', ')}${close ? `; did you mean '${family}.${close}'?` : ''}`;
  }
  const all = Object.entries(families).flatMap(([f, s]) => s.map((x) => `${f}.${x}`));
  const close = nearest(type, all) ?? nearest(family, Object.keys(families));
  return `${type} is not ${noun} (no family ${family} in the catalog of ${CATALOG.date})${close ? `; did you mean '${close.includes('.') ? close : `${close}.${size}`}'?` : `; use one of the families ${Object.keys(families).join(', ')}`}`;
}

export function unknownInstanceType(type: string, catalog: Catalog = CATALOG): string | undefined {
  return unknownType(type, catalog.ec2, 'an EC2 instance type');
}

export function unknownInstanceClass(cls: string, engine: AwsEngine, catalog: Catalog = CATALOG): string | undefined {
  return unknownType(cls, catalog.rds[engine], `a DB instance class of ${engine}`);
}

/** Why `version` (`16` or `16.6`) is no released `engine` version (undefined when it is), naming the nearest one. */
export function unknownEngineVersion(version: string, engine: AwsEngine, catalog: Catalog = CATALOG): string | undefined {
  const table = catalog.engineVersions[engine];
  const [major = '', minor] = version.split('.');
  const range = table[major];
  const majors = Object.keys(table).sort((a, b) => Number(a) - Number(b));
  if (!range) {
    const closest =
      [...majors].sort((a, b) => Math.abs(Number(a) - Number(major)) - Math.abs(Number(b) - Number(major)) || Number(b) - Number(a))[0] ??
      '';
    const [, latest] = table[closest] ?? [0, 0];
    const suggestion = minor === undefined ? closest : `${closest}.${latest}`;
    return `${engine} has no major ${major} (released: ${majors.join(', ')}); nearest: '${suggestion}'`;
  }
  if (minor === undefined) return undefined;
  const [first, latest] = range;
  const n = Number(minor);
  if (n >= first && n <= latest) return undefined;
  return `${engine} ${major}.${minor} was never released (${major}.${first} to ${major}.${latest} were, as of ${catalog.date}); nearest: '${major}.${n < first ? first : latest}'`;
}
