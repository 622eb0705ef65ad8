// Garbage and a flood on a real pty (serialport's real binding): every line arrives intact and in
// order, and the console's memory stays bounded (the history is capped; the raw log goes to disk).
// The 60 s RSS figure is measured by bench/flood.mjs, not here.
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ptyPair } from '../testing/pty.js';
import { SerialConsole } from './serial-console.js';

const writer = fileURLToPath(new URL('../testing/flood-writer.mjs', import.meta.url));

describe('flood on a pty', () => {
  it('keeps 3 s of lines at up to 1 MB/s intact, in order, with a bounded history', {
    timeout: 60_000,
  }, async () => {
    const pty = await ptyPair();
    const dir = mkdtempSync(join(tmpdir(), 'hil-flood-'));
    const con = await SerialConsole.open({
      path: pty.host,
      rawLog: join(dir, 'raw.log'),
      historyLines: 5000,
    });
    let expected = 0;
    let broken = 0;
    con.onLine((line) => {
      const m = /^flood (\d+) x{80}$/.exec(line.text);
      if (m && Number(m[1]) === expected) expected += 1;
      else broken += 1;
    });
    const stats = await new Promise<{ lines: number; bytes: number }>((resolve, reject) =>
      execFile(process.execPath, [writer, pty.device, '1000000', '3'], (error, stdout) =>
        error ? reject(error) : resolve(JSON.parse(stdout)),
      ),
    );
    await con.expect(`flood ${stats.lines - 1} `, { timeout: 20_000 });
    expect(broken).toBe(0);
    expect(expected).toBe(stats.lines);
    // The writer paces itself to 1 MB/s; a loaded CI box may write less in 3 s. Integrity,
    // order and the bounded history are the subject here, not the rate.
    expect(stats.bytes).toBeGreaterThan(100_000);
    expect(con.lines.length).toBeLessThanOrEqual(5000);
    await con.close();
    expect(statSync(join(dir, 'raw.log')).size).toBe(stats.bytes);
    await pty.stop();
  });
});
