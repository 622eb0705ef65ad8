import { describe, expect, it } from 'vitest';
import { startProgress } from './progress.js';

function capture(isTTY: boolean, env: Record<string, string> = {}) {
  let text = '';
  const io = {
    stdout: { write: () => 0 },
    stderr: {
      write: (t: string) => (text += t),
      isTTY,
      columns: 100,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
      on: () => 0,
      removeListener: () => 0,
    },
    env,
    signal: new AbortController().signal,
    cwd: '.',
  };
  return { io, text: () => text };
}

describe('progress on stderr', () => {
  it('plain lines when stderr is not a terminal', () => {
    const { io, text } = capture(false);
    const p = startProgress(io, 'scenarios', 2);
    p.tick('azure current');
    p.tick('aws current');
    p.stop();
    expect(text()).toBe('hubtrust: [1/2] azure current\nhubtrust: [2/2] aws current\n');
  });

  it('a live bar on a terminal', () => {
    const { io, text } = capture(true, { NO_COLOR: '1' });
    const p = startProgress(io, 'scenarios', 4);
    p.tick('azure current');
    p.stop();
    expect(text()).toContain('scenarios [');
    expect(text()).not.toContain('hubtrust: [1/4]');
  });
});
