import { describe, expect, test } from 'vitest';
import { ConfigError, formatPath, itemName } from '../../config/errors.js';
import { parsePlatformConfig } from '../../config/load.js';
import { editDistance, nearest } from '../../config/nearest.js';
import { PlatformSchema } from '../../config/schema/platform.js';
import { objectKeysAt, objectSchemas } from '../../config/schema/walk.js';
import { configInput } from '../support/platform.js';

const prodDatabase = (input: ReturnType<typeof configInput>) => {
  const database = input.data.prod?.database;
  if (!database) throw new Error('fixture has no prod database');
  return database as Record<string, unknown>;
};

describe('strict configuration', () => {
  test('every object of the schema rejects unknown keys', () => {
    const loose = objectSchemas(PlatformSchema)
      .filter((o) => !o.strict)
      .map((o) => o.path);
    expect(loose).toEqual([]);
    expect(objectSchemas(PlatformSchema).length).toBeGreaterThan(40);
  });

  test('prod logs statements slower than 250 ms (log_min_duration_statement), not the 500 ms default', () => {
    expect(parsePlatformConfig(configInput()).data.prod?.database.slowStatementMs).toBe(250);
  });

  test('a misspelt key fails, naming the path and the key meant, instead of silently restoring the default', () => {
    const input = configInput();
    const database = prodDatabase(input);
    database.slowStatementMS = database.slowStatementMs;
    delete database.slowStatementMs;
    expect(() => parsePlatformConfig(input)).toThrow(ConfigError);
    expect(() => parsePlatformConfig(input)).toThrow(
      /data\.prod\.database\.slowStatementMS: unknown key; did you mean 'slowStatementMs'\?/,
    );
  });

  test('an unknown key without a close match lists the keys the object accepts', () => {
    const input = configInput() as Record<string, unknown>;
    input.regionsOverride = {};
    expect(() => parsePlatformConfig(input)).toThrow(
      /^ {2}- regionsOverride: unknown key; use a key this object accepts: organization, tagTaxonomy, teams/m,
    );
  });

  test('array items are addressed by name, one style for schema errors and invariants', () => {
    const input = configInput();
    const risk = input.teams.find((t) => t.name === 'risk') as Record<string, unknown>;
    risk.contacts = risk.contact;
    const service = input.services.find((s) => s.name === 'portfolio-api');
    if (service) service.team = 'quants';
    try {
      parsePlatformConfig(input);
      expect.unreachable('config should not parse');
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.where)).toEqual(['teams[risk].contacts']);
    }
    delete risk.contacts;
    expect(() => parsePlatformConfig(input)).toThrow(/services\[portfolio-api\]\.team: unknown team 'quants'/);
  });

  test('the valid keys are read from the schema at the issue path (through records, arrays and defaults)', () => {
    expect(objectKeysAt(PlatformSchema, ['data', 'prod', 'database'])).toContain('slowStatementMs');
    expect(objectKeysAt(PlatformSchema, ['teams', 3, 'quota'])).toEqual([
      'requestsCpu',
      'requestsMemory',
      'limitsCpu',
      'limitsMemory',
      'pods',
    ]);
    expect(objectKeysAt(PlatformSchema, ['environments', 'dev', 'eks', 'nodePools', 'system'])).toContain('minSize');
  });
});

describe('paths and suggestions', () => {
  test.each([
    [['teams', 3, 'contact'], 'teams[risk].contact'],
    [['environments', 'prod', 'eks', 'nodePools', 'system', 'minSize'], 'environments.prod.eks.nodePools.system.minSize'],
    [['deployOrder', 1], 'deployOrder[1]'],
    [
      ['cost', 'environments', 'prod', 'allocationBudgets', 0, 'monthlyUsd'],
      'cost.environments.prod.allocationBudgets[Team=platform].monthlyUsd',
    ],
    [['ownership', 'rules', 0, 'teams', 0], 'ownership.rules[/config/].teams[0]'],
    [[], '(root)'],
  ])('%j reads %s', (path, expected) => {
    expect(formatPath(path, parsePlatformConfig(configInput()))).toBe(expected);
  });

  test('an item whose name is not unique keeps its index', () => {
    expect(itemName([{ name: 'a' }, { name: 'a' }], 1)).toBeUndefined();
    expect(itemName([{ name: 'a' }, { name: 'b' }], 1)).toBe('b');
    expect(itemName(['a', 'b'], 1)).toBeUndefined();
  });

  test.each([
    ['slowStatementMS', 'slowStatementMs', 0],
    ['kitten', 'sitting', 3],
    ['minsize', 'maxSize', 2],
    ['natGatweays', 'natGateways', 1],
    ['', 'abc', 3],
  ])('editDistance(%s, %s) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  test('nearest prefers the closest candidate, its case, and gives up when nothing is close', () => {
    expect(nearest('minsize', ['maxSize', 'minSize', 'desiredSize'])).toBe('minSize');
    expect(nearest('slowStatementMS', ['SLOWSTATEMENTMS', 'slowStatementMS'])).toBe('slowStatementMS');
    expect(nearest('banana', ['large', 'xlarge', 'metal'])).toBeUndefined();
  });
});
