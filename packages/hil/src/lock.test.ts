import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BoardBusyError, BoardLocks } from './lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hil-lock-'));
const runTs = fileURLToPath(new URL('./testing/run-ts.mjs', import.meta.url));
const holder = fileURLToPath(new URL('./testing/lock-holder.ts', import.meta.url));

describe('board locks', () => {
  it('gives a board to one runner; the other fails naming the holder, or waits', async () => {
    const d = dir();
    const a = new BoardLocks({ dir: d, handleSignals: false, host: 'rig-a' });
    const b = new BoardLocks({ dir: d, handleSignals: false, host: 'rig-b' });
    const lock = await a.acquire('esp32-1');
    const info = JSON.parse(readFileSync(lock.file, 'utf8'));
    expect(info).toMatchObject({ boardId: 'esp32-1', pid: process.pid, host: 'rig-a' });
    const busy = await b.acquire('esp32-1').catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(BoardBusyError);
    expect((busy as Error).message).toMatch(new RegExp(`locked by PID ${process.pid} on rig-a`));
    const waiting = b.acquire('esp32-1', { waitMs: 5000, pollMs: 20 });
    setTimeout(() => lock.release(), 100);
    const second = await waiting;
    expect(JSON.parse(readFileSync(second.file, 'utf8')).host).toBe('rig-b');
    second.release();
    expect(existsSync(second.file)).toBe(false);
    a.close();
    b.close();
  });

  it('recovers a lock whose holder died on this host, and an expired lock of another host', async () => {
    const d = dir();
    const locks = new BoardLocks({ dir: d, handleSignals: false, host: 'rig-a' });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    writeFileSync(
      join(d, 'dead.lock'),
      JSON.stringify({
        boardId: 'dead',
        pid: 2 ** 22 + 7,
        host: 'rig-a',
        acquiredAt: future,
        expiresAt: future,
      }),
    );
    writeFileSync(
      join(d, 'old.lock'),
      JSON.stringify({
        boardId: 'old',
        pid: 1,
        host: 'rig-z',
        acquiredAt: '2020-01-01T00:00:00Z',
        expiresAt: '2020-01-01T00:10:00Z',
      }),
    );
    writeFileSync(
      join(d, 'live.lock'),
      JSON.stringify({ boardId: 'live', pid: 1, host: 'rig-z', acquiredAt: future, expiresAt: future }),
    );
    (await locks.acquire('dead')).release();
    (await locks.acquire('old')).release();
    await expect(locks.acquire('live')).rejects.toThrow(/locked by PID 1 on rig-z/);
    locks.close();
  });

  it('is released when the holding process gets SIGTERM', async () => {
    const d = dir();
    const child = spawn(process.execPath, [runTs, holder, d, 'b1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await Promise.race([
      once(child.stdout, 'data'),
      once(child, 'exit').then(() => expect.fail('holder exited')),
    ]);
    expect(existsSync(join(d, 'b1.lock'))).toBe(true);
    child.kill('SIGTERM');
    const [code, signal] = await once(child, 'exit');
    expect(signal ?? code).toBe('SIGTERM');
    expect(existsSync(join(d, 'b1.lock'))).toBe(false);
  });
});
