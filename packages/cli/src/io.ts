// Where a command reads and writes: results to stdout, messages and progress to stderr, the
// environment (NO_COLOR), the interrupt signal and the clock. main() takes one of these, so
// tests run every command in-process with captured output; bin.ts passes the real process.
import pc from 'picocolors';

/** A text sink (process.stdout / process.stderr, or a capture in tests). */
export interface OutputStream {
  write(text: string): unknown;
  /** True when the stream is a terminal: colour and live progress only then. */
  readonly isTTY?: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

/** Where `-` arguments are read from (process.stdin, or a stream in tests). */
export interface InputStream extends AsyncIterable<Uint8Array | string> {
  /** True when it is a terminal: the user types the input (ends with Ctrl-D). */
  readonly isTTY?: boolean;
}

/** Everything a command may touch outside its arguments. */
export interface CliIo {
  /** Results (text, JSON). */
  readonly stdout: OutputStream;
  /** Errors, warnings and progress. */
  readonly stderr: OutputStream;
  /** Input of `-` arguments; absent when the run has none (then `-` is refused). */
  readonly stdin?: InputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM: long commands stop, clean up and exit 130. */
  readonly signal: AbortSignal;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

/** ANSI styles, or identity functions when colour is off. */
export type Styles = ReturnType<typeof pc.createColors>;

/**
 * Colour is used only on a terminal and never when `NO_COLOR` is set to a non-empty value
 * (https://no-color.org: "when present and not an empty string").
 */
export function colorEnabled(stream: OutputStream, env: CliIo['env']): boolean {
  const noColor = env.NO_COLOR;
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}

/** The styles to write to `stream` with. */
export function stylesFor(stream: OutputStream, env: CliIo['env']): Styles {
  return pc.createColors(colorEnabled(stream, env));
}

/** The real process's streams, environment and an interrupt signal (SIGINT/SIGTERM). */
export function processIo(): CliIo {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    signal: controller.signal,
    cwd: process.cwd(),
  };
}
