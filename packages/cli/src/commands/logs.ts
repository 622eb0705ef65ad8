// `hubtrust logs explain <file|->`: why a device's TLS connection failed, from its log (serial
// console, curl -v, mosquitto -d, a Go error), by @hubtrust/logs: the cause from the shared
// vocabulary, the lines that prove it and what to do. The log is streamed through the
// classifier (LogClassifier), so a long console capture or a pipe from a serial port is read in
// bounded memory. Exit codes follow the logs package's contract (exitCodeFor): 0 a cause was
// found, 1 the cause is `other`; 2 for input errors as everywhere.
import { createReadStream } from 'node:fs';
import { Option } from 'commander';
import { forEachChunk } from '../chunks.js';
import { type CommandModule, examples, writeJson } from '../context.js';
import { CliError } from '../errors.js';
import { openInputFile } from '../inputs.js';
import { colorEnabled } from '../io.js';
import { type Progress, startProgress } from '../progress.js';

/** Version of the `logs explain --json` shape (schemas/logs-explain.v1.schema.json). */
export const LOGS_EXPLAIN_SCHEMA_VERSION = 1;

/** Logs at least this large show progress on stderr (a minute of a busy 1 MB/s console). */
const PROGRESS_FROM_BYTES = 64 * 1024 * 1024;
const PROGRESS_STEPS = 20;

interface ExplainOptions {
  json?: boolean;
}

/** Ticks `steps` times over `size` bytes as they are read. */
function byteProgress(progress: Progress, size: number, steps: number) {
  let read = 0;
  let shown = 0;
  return (bytes: number) => {
    read += bytes;
    while (shown < steps && read >= ((shown + 1) * size) / steps) {
      shown++;
      progress.tick(`${Math.round((read / size) * 100)} % read`);
    }
  };
}

export const logsCommand: CommandModule = {
  name: 'logs',
  register(program, ctx) {
    const logs = program
      .command('logs')
      .summary("explain a device's TLS handshake log")
      .description(
        'Device logs: `logs explain` reads a serial console capture, curl -v or mosquitto -d output, a Go error — any text a device or client printed around its TLS connection — and names the cause (unknown_ca, expired, not_yet_valid_clock, hostname_mismatch, protocol_mismatch, out_of_memory, network, peer_rejected_client_cert, handshake_success, or other), the lines that prove it and the fix. Stacks: mbedTLS 2.x/3.x, wolfSSL, BearSSL, axTLS, OpenSSL, Go, the Azure and AWS IoT C SDKs, coreMQTT, ESP-IDF esp-tls.',
      );
    examples(logs, [
      ['hubtrust logs explain console.log', 'what went wrong in a captured serial console'],
      ['idf.py monitor | tee console.log | hubtrust logs explain -', 'from a pipe, as it arrives'],
    ]);
    const cmd = logs
      .command('explain')
      .summary('the cause of a TLS failure, the lines that prove it and the fix')
      .description(
        'Classify a device log with @hubtrust/logs: the cause, the stack that printed it (codes and verify flags decoded from its own tables), up to 8 evidence lines with their numbers, the host the device dialled and what to do (for unknown_ca: the roots its hub needs, in the format its stack loads). Reads a file or, with -, standard input, in bounded memory. Exit code 0 when a cause was found (handshake_success included), 1 when the log shows none (cause `other`, e.g. no TLS in it or binary data).',
      )
      .argument('<file|->', 'the log file, or - for standard input')
      .addOption(
        new Option('--json', 'print the explanation as JSON (schema: schemas/logs-explain.v1.schema.json)'),
      );
    examples(cmd, [
      ['hubtrust logs explain esp32-console.log', 'explain a captured log'],
      ['hubtrust logs explain esp32-console.log --json', 'the same as JSON (cause, evidence, remedy)'],
      [
        'mosquitto_pub -d -h broker -p 8883 ... 2>&1 | hubtrust logs explain -',
        'explain what a client prints',
      ],
    ]);
    cmd.action(
      ctx.action(async (target: string, opts: ExplainOptions) => {
        // Loaded here, not at start-up: every other command would pay for its tables.
        const { exitCodeFor, LogClassifier, renderExplanation } = await import('@hubtrust/logs');
        const classifier = new LogClassifier();
        const push = (chunk: Uint8Array | string) => classifier.push(chunk);
        let source: { kind: 'file'; path: string } | { kind: 'stdin' };
        if (target === '-') {
          const stdin = ctx.io.stdin;
          if (!stdin)
            throw new CliError('no standard input to read the log from', 2, 'give the log file instead of -');
          if (stdin.isTTY)
            ctx.io.stderr.write(
              ctx.err.dim('hubtrust logs explain: reading the log from the terminal; end it with Ctrl-D\n'),
            );
          source = { kind: 'stdin' };
          await forEachChunk(stdin, ctx.io.signal, push);
        } else {
          const { fd, size } = openInputFile(target, ctx.io.cwd, 'log');
          source = { kind: 'file', path: target };
          const stream = createReadStream('', { fd, highWaterMark: 64 * 1024 });
          const progress =
            size >= PROGRESS_FROM_BYTES ? startProgress(ctx.io, 'log', PROGRESS_STEPS) : undefined;
          const advance = progress ? byteProgress(progress, size, PROGRESS_STEPS) : undefined;
          try {
            await forEachChunk(stream, ctx.io.signal, (chunk) => {
              push(chunk);
              advance?.(chunk.length);
            });
          } catch (error) {
            if (error instanceof CliError) throw error;
            throw new CliError(`log "${target}" cannot be read: ${(error as Error).message}`);
          } finally {
            progress?.stop();
            stream.destroy();
          }
        }
        const explanation = classifier.end();
        if (opts.json) writeJson(ctx.io, { ...explanation, command: 'logs explain', source });
        else
          ctx.io.stdout.write(
            renderExplanation(explanation, { color: colorEnabled(ctx.io.stdout, ctx.io.env) }),
          );
        return exitCodeFor(explanation);
      }),
    );
  },
};
