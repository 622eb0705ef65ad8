// The one error type commands throw for the user: what was wrong, how to fix it, and the exit
// code. Anything else that escapes a command is a bug and is reported as such.
import { EXIT, type ExitCode } from './exit-codes.js';

/** An error meant for the user: printed to stderr as `hubtrust <command>: <message>` + `fix`. */
export class CliError extends Error {
  override readonly name = 'CliError';

  /**
   * @param message - what was wrong, naming the input (file, option, host)
   * @param exitCode - the documented exit code (default 2, usage or input error)
   * @param fix - how to fix it, one line
   */
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.usage,
    readonly fix?: string,
  ) {
    super(message);
  }
}

/** Thrown when the run was interrupted (Ctrl-C) after its clean-up ran. */
export class InterruptedError extends CliError {
  constructor() {
    super('interrupted; everything started was stopped and temporary files removed', EXIT.interrupted);
  }
}
