// The command line's exit codes, and the error that carries one. Scripts rely on these numbers;
// the README lists them. Each failure also prints one line on stderr starting "mesoquote: ".

export const EXIT = {
  /** Everything asked for was done. */
  ok: 0,
  /** The input was understood but (some of) it could not be priced: an invalid estimate request, or failed rows in `price` (the output is still complete). */
  rejected: 1,
  /** Usage: an unknown command or option, a missing or bad argument, an input file that cannot be read or is not CSV. Nothing useful was written. */
  usage: 2,
  /** The data or the server: the data files do not validate, the API cannot be reached or answered 5xx, the output cannot be written. */
  failure: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure with the exit code it ends the command with; its message is printed after "mesoquote: ". */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string): CliError => new CliError(EXIT.usage, message);
export const failure = (message: string): CliError => new CliError(EXIT.failure, message);
