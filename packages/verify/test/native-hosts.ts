// Builds and runs the native hosts of verify.wasm (hosts/build.mjs): wabt's interpreter and the
// wasm2c translation compiled with gcc. Node only; used by runtimes.test.ts and bench/.
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The native runtimes, by the name their result lines are reported under. */
export type NativeHost = 'wabt-interp' | 'wasm2c';
export const NATIVE_HOSTS: readonly NativeHost[] = ['wabt-interp', 'wasm2c'];

/** What hosts/build.mjs prints. */
export interface HostBuild {
  readonly key: string;
  /** build/hosts/<key>/ of this checkout, holding the hosts, the wasm copy and wasm2c's verify.c. */
  readonly dir: string;
  readonly wasm: string;
  readonly wasmSha256: string;
  readonly hosts: Readonly<Record<NativeHost, string>>;
  readonly wasm2c: {
    readonly flags: string;
    readonly cBytes: number;
    /** Section sizes (`size -A`: .text is code only). */
    readonly moduleObject: { text: number; rodata: number; data: number; bss: number } | null;
    readonly runtimeObject: { text: number; rodata: number; data: number; bss: number } | null;
    readonly compileMs: number;
  };
  readonly wabtInterpBuildMs: number;
  readonly totalMs: number;
  readonly cached: boolean;
}

const BUILD_SCRIPT = fileURLToPath(new URL('../hosts/build.mjs', import.meta.url));

/**
 * Builds both hosts for `wasmPath` (cached by content) and returns where they are.
 * @throws Error with the build script's message (for a missing tool: the apt-get line)
 */
export function buildHosts(wasmPath: string): HostBuild {
  const r = spawnSync(process.execPath, [BUILD_SCRIPT, wasmPath], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the native hosts failed:\n${r.stderr}${r.error ?? ''}`);
  return JSON.parse(r.stdout) as HostBuild;
}

/**
 * Runs a case file in a native host and resolves to its result lines.
 * @throws Error when the host exits non-zero or crashes
 */
export function runHost(build: HostBuild, host: NativeHost, casesPath: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      build.hosts[host],
      [build.wasm, casesPath],
      { maxBuffer: 256 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${host} failed on ${casesPath}: ${error.message}\n${stderr}`));
        else resolve(stdout.split('\n').filter((line) => line !== ''));
      },
    );
  });
}

/**
 * Runs each case `repeat` more times in a native host and returns microseconds per run by case
 * name (timing only; for bench scripts).
 */
export function timeHost(
  build: HostBuild,
  host: NativeHost,
  casesPath: string,
  repeat: number,
): Map<string, number> {
  const r = spawnSync(build.hosts[host], [build.wasm, casesPath, '--repeat', String(repeat)], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  if (r.status !== 0) throw new Error(`${host} failed (${r.status}): ${r.stderr}`);
  const times = new Map<string, number>();
  for (const line of r.stderr.split('\n')) {
    const m = /^(\S+) ([\d.]+)$/.exec(line);
    if (m) times.set(m[1] as string, Number(m[2]));
  }
  return times;
}
