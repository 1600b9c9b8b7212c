/**
 * User-facing errors. A `DataError` is a problem with the user's data (exit code 3), a `UsageError` a
 * problem with the command line or options (exit code 2). Both carry one clear line that names the file,
 * column or row and says what to do; the CLI prints `error: <message>` and no stack trace.
 */
export class SegmentaError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The data cannot be used as given (exit code 3). */
export class DataError extends SegmentaError {
  constructor(message: string) {
    super(message, 3);
  }
}

/** The command line or an option is wrong (exit code 2). */
export class UsageError extends SegmentaError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The database cannot be reached or refuses the work (connection, login, permission): exit code 4. */
export class EngineError extends SegmentaError {
  constructor(message: string) {
    super(message, 4);
  }
}

/**
 * A bad option value (exit code 2), with what was given and what is expected, so each surface names the
 * option as its user knows it: the library's name (`kMax`), the CLI's flag (`--k-max`), the studio's label.
 */
export class OptionError extends UsageError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
    readonly names: { readonly flag?: string | null; readonly label?: string } = {},
  ) {
    super(`invalid ${option}: ${shownValue(value)} (expected ${expected})`);
  }

  /** The message with the option called `name`. */
  namedAs(name: string): string {
    return `invalid ${name}: ${shownValue(this.value)} (expected ${this.expected})`;
  }
}

function shownValue(v: unknown): string {
  return Array.isArray(v) ? v.join(',') : String(v);
}
