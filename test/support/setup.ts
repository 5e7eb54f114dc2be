import './matchers.js';
import { TODAY_VARIABLE } from '../../config/clock.js';

// Dated rules (config/reference/version-support.ts) judge the config as of this fixed day, so that a
// test's verdict does not change with the calendar; synth and CI use the real date.
process.env[TODAY_VARIABLE] = '2026-12-07';
