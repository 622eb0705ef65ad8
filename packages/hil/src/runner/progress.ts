// Live progress in the terminal: one line per finished case (CI logs stay readable) and, on a
// TTY, a status line rewritten in place with counts, the running case and a flash progress bar.
import type { FlashProgress } from '../flashers/flasher.js';
import type { CaseResult } from './results.js';

const MARK: Record<string, string> = {
  passed: 'ok  ',
  skipped: 'skip',
  'test-failed': 'FAIL',
  'device-crash': 'CRSH',
  'rig-fault': 'RIG ',
  timeout: 'TIME',
};

/** Receives run events. */
export interface ProgressSink {
  caseStarted(board: string, id: string, attempt: number): void;
  caseFinished(result: CaseResult): void;
  flashProgress(board: string, progress: FlashProgress): void;
  note(text: string): void;
  done(): void;
}

/** Writes progress to a stream (stderr by default); the in-place line only on a TTY. */
export function terminalProgress(
  total: number,
  stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
): ProgressSink {
  let finished = 0;
  let failed = 0;
  let status = '';
  const tty = stream.isTTY === true;
  const clear = () => {
    if (tty && status) stream.write('\r\u001b[K');
  };
  const show = (text: string) => {
    status = text;
    if (tty) stream.write(`\r\u001b[K${text.slice(0, 200)}`);
  };
  return {
    caseStarted: (board, id, attempt) =>
      show(`[${finished}/${total}] ${board} ${id}${attempt > 1 ? ` (attempt ${attempt})` : ''}`),
    caseFinished: (r) => {
      finished += 1;
      if (r.status !== 'passed' && r.status !== 'skipped' && !r.quarantined) failed += 1;
      clear();
      const mark = r.quarantined && r.status !== 'passed' ? 'quar' : (MARK[r.status] ?? r.status);
      stream.write(
        `${mark} ${r.board} ${r.id} (${(r.durationMs / 1000).toFixed(1)} s${r.attempts > 1 ? `, ${r.attempts} attempts` : ''})${r.status !== 'passed' && r.message ? `: ${r.message.split('\n')[0]}` : ''}\n`,
      );
      if (tty) show(`[${finished}/${total}] ${failed} failing`);
    },
    flashProgress: (board, p) => {
      const width = 30;
      const filled = p.total > 0 ? Math.round((p.done / p.total) * width) : 0;
      const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
      if (tty) show(`${board} flashing [${bar}] ${p.phase} ${p.done}/${p.total}`);
      else if (p.done === p.total) stream.write(`${board}: ${p.phase} done\n`);
    },
    note: (text) => {
      clear();
      stream.write(`${text}\n`);
      if (tty && status) show(status);
    },
    done: () => clear(),
  };
}
