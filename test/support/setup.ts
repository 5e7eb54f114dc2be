import './matchers.js';
import { TODAY_VARIABLE } from '../../config/clock.js';
import { installCheapStackTraces } from '../../tools/synth/cheap-stack-traces.js';
import { TEST_TODAY } from './test-date.js';

process.env[TODAY_VARIABLE] = TEST_TODAY;

/**
 * cdktf captures a full stack trace for every token it creates; under vitest each one
 * is formatted through the source-map-aware formatter, which took half of every
 * in-test synth. Real Errors keep that formatting (source-mapped), cdktf's plain
 * objects get none, as in `npm run synth`. Once per worker: this file runs before
 * every test file (isolate: false), and each install wraps the formatter before it.
 */
const installed = Symbol.for('tradesense.test.cheapStackTraces');
const worker = globalThis as { [installed]?: true };
if (!worker[installed]) {
  installCheapStackTraces();
  worker[installed] = true;
}
