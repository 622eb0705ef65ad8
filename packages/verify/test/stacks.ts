// Builds and runs the TLS-stack harnesses (hosts/stacks/): mbedTLS 2.28 (also as ESP-IDF's
// certificate bundle), wolfSSL 5.5.4, BearSSL 0.6 and OpenSSL 3.0 verifying chains the way a device's TLS client does, many cases per
// process. Node only; used by the differential tests and bench/profiles.bench.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The real stacks compared with the device profiles (esp-crt-bundle: mbedTLS with ESP-IDF's bundle callback). */
export type Stack = 'mbedtls' | 'esp-crt-bundle' | 'wolfssl' | 'bearssl' | 'openssl';
export const STACKS: readonly Stack[] = ['mbedtls', 'esp-crt-bundle', 'wolfssl', 'bearssl', 'openssl'];

/** What hosts/stacks/build.mjs prints. */
export interface StackBuild {
  readonly key: string;
  readonly dir: string;
  readonly stacks: Readonly<Record<Stack, string>>;
  /** gcc and the Debian package versions the harnesses were built against. */
  readonly versions: Readonly<Record<string, string>>;
  readonly cached: boolean;
}

/** One chain to verify, as a device would receive it. */
export interface StackCase {
  /** Printable ASCII, no spaces. */
  id: string;
  /** Validation time: the clock the library reads. */
  time: Date;
  /** DNS name the leaf must match (none: no name check). */
  host?: string;
  purpose: 'server' | 'client' | 'any';
  leaf: Uint8Array;
  /** In the order the server sends them. */
  intermediates: readonly Uint8Array[];
  roots: readonly Uint8Array[];
}

/** A stack's verdict on one case, with the library's own error text. */
export interface StackVerdict {
  accept: boolean;
  detail: string;
}

const BUILD_SCRIPT = fileURLToPath(new URL('../hosts/stacks/build.mjs', import.meta.url));

/**
 * Builds the four harnesses (cached by content) and returns where they are.
 * @throws Error with the build script's message (for a missing library: the apt-get line)
 */
export function buildStacks(): StackBuild {
  const r = spawnSync(process.execPath, [BUILD_SCRIPT], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the stack harnesses failed:\n${r.stderr}${r.error ?? ''}`);
  return JSON.parse(r.stdout) as StackBuild;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The case file of hosts/stacks/harness.h. */
export function caseFile(cases: readonly StackCase[]): string {
  const out: string[] = [];
  for (const c of cases) {
    if (!/^[\x21-\x7e]+$/.test(c.id))
      throw new Error(`case id ${JSON.stringify(c.id)}: printable ASCII without spaces`);
    out.push(`case ${c.id}`, `time ${Math.floor(c.time.getTime() / 1000)}`);
    if (c.host !== undefined) out.push(`host ${c.host}`);
    out.push(`purpose ${c.purpose}`, `leaf ${hex(c.leaf)}`);
    for (const i of c.intermediates) out.push(`int ${hex(i)}`);
    for (const r of c.roots) out.push(`root ${hex(r)}`);
    out.push('end');
  }
  return `${out.join('\n')}\n`;
}

/**
 * Runs `cases` through one harness (one process) and resolves to the verdict of each case id.
 * @throws Error when the harness fails, or a case has no verdict line
 */
export function runStack(
  build: StackBuild,
  stack: Stack,
  cases: readonly StackCase[],
): Promise<Map<string, StackVerdict>> {
  return new Promise((resolve, reject) => {
    const child = spawn(build.stacks[stack], ['-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`${stack} harness failed (${code ?? signal}): ${err}`));
        return;
      }
      const verdicts = new Map<string, StackVerdict>();
      for (const line of Buffer.concat(out).toString('utf8').split('\n')) {
        const m = /^(\S+) (ACCEPT|REJECT) (.*)$/.exec(line);
        if (m) verdicts.set(m[1] as string, { accept: m[2] === 'ACCEPT', detail: m[3] as string });
      }
      const missing = cases.find((c) => !verdicts.has(c.id));
      if (missing) reject(new Error(`${stack} harness: no verdict for ${missing.id}`));
      else resolve(verdicts);
    });
    child.stdin.on('error', reject);
    child.stdin.end(caseFile(cases));
  });
}
