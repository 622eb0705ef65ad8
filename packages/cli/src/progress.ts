// Progress for long work (the main job, later scans and HIL suites), always on stderr so stdout
// stays clean for results and JSON. On a terminal: a live bar (cli-progress); elsewhere (CI
// logs, pipes): one plain line per step, so logs still show where a run got to.
import cliProgress from 'cli-progress';
import { type CliIo, colorEnabled } from './io.js';

/** A running progress display. */
export interface Progress {
  /** Marks one step done; `label` says what runs next or what finished. */
  tick(label: string): void;
  /** Removes the live bar (a terminal) and prints nothing more. Idempotent. */
  stop(): void;
}

/**
 * Starts a progress display of `total` steps on `io.stderr`.
 * @param title - what the steps are, e.g. `scenarios`
 */
export function startProgress(io: CliIo, title: string, total: number): Progress {
  if (io.stderr.isTTY !== true) {
    let done = 0;
    return {
      tick(label) {
        done++;
        io.stderr.write(`hubtrust: [${done}/${total}] ${label}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as NodeJS.WritableStream,
      format: `${title} [{bar}] {value}/{total} {label}`,
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      // The library's own colour is off; its bar characters carry no ANSI styles.
      formatBar: undefined,
      noTTYOutput: false,
      linewrap: false,
      etaBuffer: 5,
    },
    colorEnabled(io.stderr, io.env) ? cliProgress.Presets.shades_classic : cliProgress.Presets.legacy,
  );
  bar.start(total, 0, { label: '' });
  let stopped = false;
  return {
    tick(label) {
      if (!stopped) bar.increment(1, { label });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
