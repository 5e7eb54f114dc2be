import { ChartLockError } from '../helm/chart-lock.js';
import { HelmUnavailable } from '../helm/helm-binary.js';
import { ChartRenderError } from '../helm/render-chart.js';
import { SynthFailed } from './run.js';

/** Synth failures that are the user's to fix (a check, a vendored chart, helm): printed without a stack trace. */
export const SYNTH_USER_ERRORS = [SynthFailed, ChartLockError, ChartRenderError, HelmUnavailable];
