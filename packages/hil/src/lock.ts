// One lock file per board so two runners (two CI jobs, a person and cron) never drive the same
// board. `<lockDir>/<boardId>.lock` holds JSON { boardId, pid, host, acquiredAt, expiresAt }.
//
// - Created with O_CREAT|O_EXCL ('wx'): exactly one creator wins, also on NFS v3+ and local disks.
// - Held locks are refreshed (expiresAt moved on) every ttl/3 while the holder lives, so a long
//   nightly keeps its board; a holder that died without cleaning up (SIGKILL, power loss) leaves a
//   lock that expires after at most `ttlMs`, or at once when it is on this host and its PID is gone.
// - A stale lock is recovered by renaming it to a unique name first (atomic), so two runners that
//   both see it stale cannot both delete a fresh lock the other just made.
// - Released on release(), on process exit, and on SIGTERM/SIGINT/SIGHUP (then the signal's
//   default action runs, so the exit status still says "killed by SIGTERM").
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { RigFaultError } from './errors.js';

/** What a lock file holds. */
export interface LockInfo {
  readonly boardId: string;
  readonly pid: number;
  readonly host: string;
  /** ISO-8601. */
  readonly acquiredAt: string;
  /** ISO-8601; refreshed while the holder lives. */
  readonly expiresAt: string;
}

/** Options of {@link BoardLocks}. */
export interface BoardLockOptions {
  /** Where lock files live (e.g. `/var/lock/hubtrust-hil`; created if missing). */
  readonly dir: string;
  /** Lifetime of a lock without refresh. Default 10 min: longer than a refresh gap, short enough that a crashed rig host frees its boards before the next nightly. */
  readonly ttlMs?: number;
  /** Install exit and signal handlers that release held locks. Default true. */
  readonly handleSignals?: boolean;
  /** Host name written into locks (default `os.hostname()`). */
  readonly host?: string;
}

/** Options of {@link BoardLocks.acquire}. */
export interface AcquireOptions {
  /** How long to wait for a busy board. Default 0: fail at once, naming the holder. */
  readonly waitMs?: number;
  /** Poll interval while waiting. Default 250 ms. */
  readonly pollMs?: number;
}

/** A held lock. */
export interface BoardLock {
  readonly boardId: string;
  readonly file: string;
  /** Releases the lock (idempotent). */
  release(): void;
}

/** The board is locked by another runner and the wait ran out: a rig fault (exit 2). */
export class BoardBusyError extends RigFaultError {
  override readonly name = 'BoardBusyError';
  constructor(
    readonly boardId: string,
    readonly holder: LockInfo | null,
  ) {
    super(
      holder
        ? `board "${boardId}" is locked by PID ${holder.pid} on ${holder.host} since ${holder.acquiredAt} (expires ${holder.expiresAt})`
        : `board "${boardId}" is locked by another runner`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' && typeof info.expiresAt === 'string' ? info : null;
  } catch {
    return null;
  }
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/**
 * The board locks of one runner process.
 * @example
 * ```ts
 * const locks = new BoardLocks({ dir: '/var/lock/hubtrust-hil' });
 * const lock = await locks.acquire('esp32-devkitc-1', { waitMs: 60_000 });
 * try { ... } finally { lock.release(); }
 * ```
 */
export class BoardLocks {
  readonly dir: string;
  readonly ttlMs: number;
  readonly host: string;
  private readonly held = new Map<string, { file: string; info: LockInfo; timer: NodeJS.Timeout }>();
  private readonly onExit = () => this.releaseAll();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.releaseAll();
    this.uninstall();
    process.kill(process.pid, signal);
  };
  private installed = false;

  constructor(options: BoardLockOptions) {
    this.dir = options.dir;
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.host = options.host ?? hostname();
    mkdirSync(this.dir, { recursive: true });
    if (options.handleSignals !== false) {
      process.on('exit', this.onExit);
      for (const s of SIGNALS) process.on(s, this.onSignal);
      this.installed = true;
    }
  }

  /** The lock file of a board. */
  fileOf(boardId: string): string {
    return join(this.dir, `${boardId}.lock`);
  }

  /** Who holds a board, or null (stale locks count as free). */
  holder(boardId: string): LockInfo | null {
    const info = readLock(this.fileOf(boardId));
    return info && !this.isStale(info) ? info : null;
  }

  private isStale(info: LockInfo): boolean {
    if (Date.parse(info.expiresAt) < Date.now()) return true;
    return info.host === this.host && !isAlive(info.pid);
  }

  private info(boardId: string, acquiredAt: string): LockInfo {
    return {
      boardId,
      pid: process.pid,
      host: this.host,
      acquiredAt,
      expiresAt: new Date(Date.now() + this.ttlMs).toISOString(),
    };
  }

  /** One attempt: true when this process now holds the lock. */
  private tryCreate(boardId: string): boolean {
    const file = this.fileOf(boardId);
    const info = this.info(boardId, new Date().toISOString());
    try {
      writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o644 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new RigFaultError(`cannot create lock ${file}: ${(error as Error).message}`, { cause: error });
      }
      const existing = readLock(file);
      // Unreadable: another runner is between create and write; treat as held this round.
      if (!existing || !this.isStale(existing)) return false;
      const aside = `${file}.stale.${process.pid}.${Date.now()}`;
      try {
        renameSync(file, aside);
      } catch {
        return false; // someone else recovered it first
      }
      const moved = readLock(aside);
      rmSync(aside, { force: true });
      if (moved && !this.isStale(moved)) {
        // We moved a fresh lock made between our read and rename: put it back and wait.
        try {
          writeFileSync(file, JSON.stringify(moved), { flag: 'wx' });
        } catch {}
        return false;
      }
      return this.tryCreate(boardId);
    }
    const timer = setInterval(() => this.refresh(boardId), Math.max(1000, Math.floor(this.ttlMs / 3)));
    timer.unref();
    this.held.set(boardId, { file, info, timer });
    return true;
  }

  private refresh(boardId: string): void {
    const entry = this.held.get(boardId);
    if (!entry) return;
    const info = { ...entry.info, expiresAt: new Date(Date.now() + this.ttlMs).toISOString() };
    try {
      const temp = `${entry.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(info));
      renameSync(temp, entry.file);
      entry.info = info;
    } catch {
      // The lock directory went away; the next acquire by anyone reports it.
    }
  }

  /**
   * Takes the board's lock, waiting up to `waitMs` for another runner to release it.
   * @throws BoardBusyError when it is still held after `waitMs`; RigFaultError when the lock directory is unusable.
   */
  async acquire(boardId: string, options: AcquireOptions = {}): Promise<BoardLock> {
    if (this.held.has(boardId))
      throw new RigFaultError(`board "${boardId}" is already locked by this runner`);
    const deadline = Date.now() + (options.waitMs ?? 0);
    const poll = options.pollMs ?? 250;
    while (!this.tryCreate(boardId)) {
      if (Date.now() >= deadline) throw new BoardBusyError(boardId, readLock(this.fileOf(boardId)));
      await new Promise((r) => setTimeout(r, Math.min(poll, Math.max(1, deadline - Date.now()))));
    }
    const file = this.fileOf(boardId);
    return { boardId, file, release: () => this.release(boardId) };
  }

  /** Releases one board (only if this process holds it and the file is still ours). */
  release(boardId: string): void {
    const entry = this.held.get(boardId);
    if (!entry) return;
    clearInterval(entry.timer);
    this.held.delete(boardId);
    const current = readLock(entry.file);
    if (current && current.pid === process.pid && current.host === this.host)
      rmSync(entry.file, { force: true });
  }

  /** Releases every held lock (exit and signal handlers call this). */
  releaseAll(): void {
    for (const id of [...this.held.keys()]) this.release(id);
  }

  /** Releases everything and removes the exit and signal handlers. */
  close(): void {
    this.releaseAll();
    this.uninstall();
  }

  private uninstall(): void {
    if (!this.installed) return;
    process.off('exit', this.onExit);
    for (const s of SIGNALS) process.off(s, this.onSignal);
    this.installed = false;
  }
}
