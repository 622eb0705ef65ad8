// Builds the microcontroller port of verify.wasm (hosts/mcu/build.mjs) and runs its images on
// QEMU's emulated Cortex-M4 board mps2-an386 (Debian: qemu-system-arm). Node only; used by
// mcu.test.ts and bench/mcu.bench.mjs.
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Section sizes in bytes. */
export interface Sizes {
  readonly text: number;
  readonly rodata: number;
  readonly data: number;
  readonly bss: number;
}

/** What hosts/mcu/build.mjs prints for one variant. */
export interface McuBuild {
  readonly variant: string;
  readonly key: string;
  readonly dir: string;
  readonly wasm: string;
  readonly wasmBytes: number;
  readonly wasmSha256: string;
  readonly memory: {
    readonly initial: number;
    readonly maximum: number | null;
    /** Pages of the runtime's static buffer. */
    readonly staticPages: number;
    /** Bytes of static data below the heap (where ioReserve(0) points). */
    readonly heapBase: number;
    /** Heap the buffer was sized for (measured variants), or null: the declared maximum. */
    readonly heap: number | null;
  };
  readonly objects: Readonly<Record<'module' | 'runtime' | 'capi', Sizes>>;
  /** The minimal firmware's linker map: sizes per input group (module, runtime, capi, board, libc, libgcc, fill). */
  readonly firmware: {
    readonly groups: Readonly<Record<string, Sizes>>;
    readonly total: Sizes;
    readonly flash: number;
    readonly ram: number;
  };
  /** Static worst-case C stack of hubtrust_verify_chain (null when unbounded). */
  readonly stack: {
    readonly bytes: number | null;
    readonly path: readonly string[];
    readonly recursion: readonly string[];
    readonly external: readonly string[];
  };
  readonly images: {
    readonly qemuHost: string;
    readonly example: string;
    readonly updateExample: string;
    readonly minimal: string;
  };
  readonly exampleX86: string;
  /** example/update-example.c built natively (modules with verifyUpdate). */
  readonly updateExampleX86: string;
  /** Whether the firmware measured the update C API (a module with verifyUpdate and no verifyChain). */
  readonly updateApi: boolean;
  readonly cached: boolean;
}

const BUILD_SCRIPT = fileURLToPath(new URL('../hosts/mcu/build.mjs', import.meta.url));

/**
 * Builds one variant of hosts/mcu/variants.mjs (cached by content) and returns where it is.
 * @throws Error with the build script's message (for a missing tool: the apt-get line)
 */
export function buildMcu(variant = 'embedded'): McuBuild {
  const r = spawnSync(process.execPath, [BUILD_SCRIPT, variant], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0)
    throw new Error(`building the microcontroller port failed:\n${r.stderr}${r.error ?? ''}`);
  return JSON.parse(r.stdout) as McuBuild;
}

/** What one QEMU run printed and how it ended. */
export interface QemuRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

/**
 * Runs an image on mps2-an386 with semihosting (output and file access) and QEMU's instruction
 * counting (-icount shift=0: one virtual nanosecond per instruction, which board/startup.c
 * reads back). `args` reach the image's main() (no spaces: the semihosting command line is
 * split at spaces). Rejects when QEMU is missing, the image faults or traps at start (exit
 * status >= 2 is reported, not thrown) or the run exceeds `timeoutMs`.
 * @throws Error for an argument containing a space or a comma
 */
export function runQemu(image: string, args: readonly string[], timeoutMs: number): Promise<QemuRun> {
  for (const a of args)
    if (/[\s,]/.test(a)) throw new Error(`semihosting argument with a space or comma: ${a}`);
  const semihosting = ['enable=on', 'target=native', 'arg=image', ...args.map((a) => `arg=${a}`)].join(',');
  const qemuArgs = [
    '-M',
    'mps2-an386',
    '-nographic',
    '-monitor',
    'none',
    '-serial',
    'none',
    '-icount',
    'shift=0',
    '-semihosting-config',
    semihosting,
    '-kernel',
    image,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      'qemu-system-arm',
      qemuArgs,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 256 << 20 },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (error && typeof code !== 'number') {
          reject(new Error(`qemu-system-arm ${image}: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ stdout, stderr, status: typeof code === 'number' ? code : 0 });
      },
    );
  });
}

/** Per-case figures from the case-file host's stderr (hosts/mcu/qemu-host.c). */
export interface CaseFigures {
  readonly stack: number;
  readonly instructions: number;
  readonly refusedGrows: number;
}

/** The host's stderr report: calibration, per-case figures, traps. */
export interface HostReport {
  /** Instructions measured for a loop of exactly `calibrationExpected`. */
  readonly calibration: number;
  readonly calibrationExpected: number;
  readonly cases: ReadonlyMap<string, CaseFigures>;
  readonly traps: readonly string[];
  readonly stackProbe: number;
}

/**
 * Parses the "#..." lines the case-file host writes to stderr.
 * @throws Error when the calibration or stack-probe line is missing
 */
export function parseHostReport(stderr: string): HostReport {
  const cases = new Map<string, CaseFigures>();
  const traps: string[] = [];
  let calibration: [number, number] | undefined;
  let stackProbe: number | undefined;
  for (const line of stderr.split('\n')) {
    const [tag, ...f] = line.split(' ');
    if (tag === '#case' && f.length === 4)
      cases.set(f[0] as string, {
        stack: Number(f[1]),
        instructions: Number(f[2]),
        refusedGrows: Number(f[3]),
      });
    else if (tag === '#calibration') calibration = [Number(f[0]), Number(f[1])];
    else if (tag === '#trap') traps.push(f.join(' '));
    else if (tag === '#stack-probe') stackProbe = Number(f[0]);
  }
  if (!calibration || stackProbe === undefined)
    throw new Error(`incomplete host report:\n${stderr.slice(-2000)}`);
  return { calibration: calibration[0], calibrationExpected: calibration[1], cases, traps, stackProbe };
}
