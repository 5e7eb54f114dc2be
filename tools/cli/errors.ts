/**
 * A bad command line (unknown flag, missing value, wrong argument): the tool prints
 * the message and its usage, and exits 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A problem with what the user handed the tool (a missing or malformed file, an
 * unknown git ref, output to synthesize first): printed as it is, no stack trace, exit 1.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
