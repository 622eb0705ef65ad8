// Test helper: a pair of connected ptys made by socat (`socat pty,link=A pty,link=B`). Both ends
// are real tty devices, so the harness opens them with serialport's real binding; data and baud
// work, DTR/RTS ioctls do not (ptys have no modem lines).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running socat pty pair. */
export interface PtyPair {
  /** Path of the side the harness opens (the "host" side). */
  readonly host: string;
  /** Path of the side the simulated device uses. */
  readonly device: string;
  readonly process: ChildProcess;
  /** Kills socat: both ptys disappear (like unplugging a USB-serial adapter). */
  stop(): Promise<void>;
}

/** Starts socat and waits until both links exist (≤ 5 s). */
export async function ptyPair(
  dir = mkdtempSync(join(tmpdir(), 'hil-pty-')),
  names = ['host', 'device'],
): Promise<PtyPair> {
  const host = join(dir, names[0] as string);
  const device = join(dir, names[1] as string);
  const child = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${device}`], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 5000;
  while (!(existsSync(host) && existsSync(device))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('socat did not create the pty pair');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    host,
    device,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
