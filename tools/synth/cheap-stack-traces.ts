/**
 * cdktf records a full stack trace for every token it creates (Lazy, Intrinsic,
 * ComplexComputedList) by reading `.stack` of a plain object, and only ever
 * shows it in error messages. Formatting those traces costs ~150 ms of a synth
 * (measured with --cpu-prof). Real Errors keep Node's formatting; the plain
 * objects cdktf captures get an empty trace.
 *
 * Installed by the synth entry points when they run as a program; never by
 * library code or tests (it changes the process's Error formatting).
 */
export function installCheapStackTraces(): void {
  const nodeFormat = Error.prepareStackTrace;
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) => {
    if (!(target instanceof Error)) return '';
    if (nodeFormat) return nodeFormat(target, frames);
    const head = `${target.name}: ${target.message}`;
    return frames.length ? `${head}\n    at ${frames.map(String).join('\n    at ')}` : head;
  };
}
