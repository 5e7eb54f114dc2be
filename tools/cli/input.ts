import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ConfigError } from '../../config/errors.js';
import { loadPlatformConfig, parsePlatformConfig } from '../../config/load.js';
import { suggestion } from '../../config/nearest.js';
import type { PlatformConfig } from '../../config/schema/platform.js';
import { InputError, UsageError } from './errors.js';
import { jsonErrorPlace } from './json-error.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a folder in the path is a file',
};

/** A file named on the command line, read as text; an unreadable one is an InputError naming the flag and the file. */
export function readInputFile(file: string, cwd: string, flag: string): string {
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new InputError(`${flag} ${file}: cannot read it (${REASONS[code] ?? code}); name a readable file, relative to ${cwd}`);
  }
}

/** JSON text; malformed JSON is an InputError with the file, line and column, and what was expected there. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const place = jsonErrorPlace(text);
    const reason = (error as Error).message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+$/, '');
    const where = place ? `${file}:${place.line}:${place.column}` : file;
    throw new InputError(`${where}: not valid JSON (${reason}${place ? `; expected ${place.expected} there` : ''})`);
  }
}

/** Writes a file named on the command line; an unwritable one is an InputError naming the flag. */
export function writeOutputFile(file: string, cwd: string, flag: string, text: string): void {
  try {
    writeFileSync(resolve(cwd, file), text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new InputError(`${flag} ${file}: cannot write it (${REASONS[code] ?? code}); name a file in an existing, writable folder`);
  }
}

export function readJsonFile(file: string, cwd: string, flag: string): unknown {
  return parseJsonText(readInputFile(file, cwd, flag), file);
}

/**
 * The platform config: `--config <file>` (JSON, e.g. from `npm run config -- --json`)
 * or the TradeSense values. Its problems name the file they come from.
 */
export function configFromOption(file: string | undefined, cwd: string): PlatformConfig {
  if (file === undefined) return loadPlatformConfig();
  const input = readJsonFile(file, cwd, '--config');
  try {
    return parsePlatformConfig(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new InputError(`${relative(cwd, resolve(cwd, file)) || file}: ${error.message}`);
  }
}

/** The value of `--env` (or an `<env>` argument): one of the config's environments (exit 2 with the nearest name otherwise). */
export function environmentOption(config: PlatformConfig, value: string | undefined, label = '--env'): string | undefined {
  if (value === undefined || value in config.environments) return value;
  throw new UsageError(`${label} '${value}' is no environment of the config; ${suggestion(value, Object.keys(config.environments))}`);
}

/** A whole number within bounds, for flags such as --runs. */
export function integerOption(flag: string, value: string | undefined, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} '${value}' is not a whole number of at least ${min}`);
  return n;
}

/** A string option as typed by the parser. */
export const stringValue = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
