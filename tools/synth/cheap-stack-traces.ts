import { createRequire } from 'node:module';

/** cdktf's capture of a token's creation trace: a CommonJS export its callers read at every call. */
interface StackTraceModule {
  captureStackTrace(below?: unknown): string[];
}

/**
 * The very module instance cdktf calls. In the synth's bundles (packages bundled
 * in) that is the bundle's own copy, which only a plain `require` reaches; under
 * vitest (ES modules, no `require`) cdktf loads from node_modules, as here.
 */
function stackTraceModule(): StackTraceModule {
  if (typeof require !== 'function') return createRequire(import.meta.url)('cdktf/lib/tokens/private/stack-trace.js') as StackTraceModule;
  // A literal require call: esbuild bundles what it names.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('cdktf/lib/tokens/private/stack-trace.js') as StackTraceModule;
}

/**
 * cdktf records a full stack trace for every token it creates (Lazy, Intrinsic,
 * ComplexComputedList) and only ever shows it in error messages. Capturing one
 * walks every frame (it lifts Error.stackTraceLimit), formatting it costs more:
 * together ~200 ms of a synth (measured with --cpu-prof). Here cdktf's capture
 * returns no frames at once, which is what it returned before through the cheap
 * formatting below (an empty trace for a plain object); real Errors keep Node's
 * formatting.
 *
 * Installed by the synth entry points when they run as a program and by the test
 * setup; never by library code (it changes the process's Error formatting).
 */
export function installCheapStackTraces(): void {
  const nodeFormat = Error.prepareStackTrace;
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) => {
    if (!(target instanceof Error)) return '';
    if (nodeFormat) return nodeFormat(target, frames);
    const head = `${target.name}: ${target.message}`;
    return frames.length ? `${head}\n    at ${frames.map(String).join('\n    at ')}` : head;
  };
  // Its callers call `(0, module.captureStackTrace)()`: replacing the export reaches every one of them.
  stackTraceModule().captureStackTrace = () => [];
}
