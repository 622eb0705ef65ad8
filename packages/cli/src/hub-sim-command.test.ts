import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runHubSim } from './hub-sim-command.js';
import { main } from './main.js';

/** Resolves when the output matches; the command calls `write` for every line it prints. */
type OutputWaiter = (pattern: RegExp) => Promise<void>;

/** Runs the command in-process, hands its output to `act` once it listens, then stops it. */
async function withHubSim(
  args: string[],
  act: (output: () => string, waitFor: OutputWaiter) => Promise<void>,
) {
  let output = '';
  const controller = new AbortController();
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const waitFor: OutputWaiter = (pattern) =>
    pattern.test(output) ? Promise.resolve() : new Promise((resolve) => waiters.push({ pattern, resolve }));
  const run = runHubSim(args, {
    write: (text) => {
      output += text;
      for (const w of waiters.filter((w) => w.pattern.test(output))) w.resolve();
    },
    signal: controller.signal,
  });
  await Promise.race([waitFor(/Press Ctrl-C|"ports"/), run]);
  try {
    await act(() => output, waitFor);
  } finally {
    controller.abort();
  }
  return { result: await run, output };
}

describe('hubtrust hub-sim', () => {
  it('is in the command list and lists the scenarios', async () => {
    expect((await main(['help'])).stdout).toContain('hubtrust hub-sim --scenario <name>');
    const list = await main(['hub-sim', '--list']);
    expect(list.exitCode).toBe(0);
    for (const name of ['current', 'rotated-root', 'large-chain', 'client-cert-required'])
      expect(list.stdout).toContain(name);
  });

  it('refuses unknown scenarios, clouds and options with exit code 2', async () => {
    expect(await main(['hub-sim', '--scenario', 'nope'])).toMatchObject({
      exitCode: 2,
      stdout: expect.stringContaining('unknown scenario "nope"'),
    });
    expect((await main(['hub-sim', '--cloud', 'gcp'])).exitCode).toBe(2);
    expect((await main(['hub-sim', '--frobnicate'])).exitCode).toBe(2);
    expect(await main(['hub-sim', '--mqtt-port', '70000'])).toMatchObject({
      exitCode: 2,
      stdout: expect.stringContaining('--mqtt-port must be a port number'),
    });
  });

  it('prints where it listens, serves the scenario, logs each connection, and stops on abort', async () => {
    const { result, output } = await withHubSim(['--scenario', 'expired-leaf'], async (text, waitFor) => {
      const port = Number(/TLS echo {3}127\.0\.0\.1:(\d+)/.exec(text())?.[1]);
      const servername = /hub name {3}(\S+)/.exec(text())?.[1];
      const caFile = /CA bundle {2}(\S+)/.exec(text())?.[1] as string;
      const error = await new Promise<string>((resolve) => {
        const socket = tls.connect({ host: '127.0.0.1', port, servername, ca: readFileSync(caFile) });
        socket.on('secureConnect', () => resolve('connected'));
        socket.on('error', (e: Error & { code?: string }) => resolve(e.code ?? ''));
      });
      expect(error).toBe('CERT_HAS_EXPIRED');
      await waitFor(/#1 echo/);
    });
    expect(output).toContain('scenario "expired-leaf" (azure)');
    expect(output).toContain('hubtrust-test.azure-devices.net');
    expect(output).toMatch(
      /#1 echo 127\.0\.0\.1:\d+ sni=hubtrust-test\.azure-devices\.net client-closed TLSv1\.3/,
    );
    expect(result).toEqual({ stdout: 'stopped after 1 connection(s)\n', exitCode: 0 });
  });

  it('--json prints the hub as one JSON line (AWS here)', async () => {
    const { output } = await withHubSim(
      ['--scenario', 'current', '--cloud', 'aws', '--json'],
      async () => {},
    );
    const info = JSON.parse(output.split('\n')[0] as string);
    expect(info).toMatchObject({
      scenario: 'current',
      cloud: 'aws',
      hostname: 'a1b2c3d4e5f6g7-ats.iot.us-east-1.amazonaws.com',
    });
    expect(info.ports.mqtt).toBeGreaterThan(0);
  });

  it('runs as a real binary until Ctrl-C (SIGINT)', async () => {
    const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'hub-sim', '--scenario', 'current'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('Press Ctrl-C')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited early: ${output}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped after 0 connection(s)');
  });
});
