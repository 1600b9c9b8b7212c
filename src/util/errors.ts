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
