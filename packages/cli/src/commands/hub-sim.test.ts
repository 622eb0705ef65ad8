import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { runCli, schemaErrors, spawnCli } from '../testing/cli.js';

describe('hubtrust hub-sim', () => {
  it('lists the scenarios', async () => {
    const list = await runCli(['hub-sim', '--list']);
    expect(list.code).toBe(0);
    for (const name of ['current', 'rotated-root', 'large-chain', 'client-cert-required'])
      expect(list.stdout).toContain(name);
  });

  it('refuses unknown scenarios, clouds, options and ports with exit 2', async () => {
    const scenario = await runCli(['hub-sim', '--scenario', 'nope']);
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toContain(
      "argument 'nope' is invalid. Allowed choices are current, legacy-baltimore",
    );
    expect((await runCli(['hub-sim', '--cloud', 'gcp'])).code).toBe(2);
    expect((await runCli(['hub-sim', '--frobnicate'])).code).toBe(2);
    const port = await runCli(['hub-sim', '--mqtt-port', '70000']);
    expect(port).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--mqtt-port must be a port number'),
    });
    const cloud = await runCli(['hub-sim', '--scenario', 'legacy-baltimore', '--cloud', 'aws']);
    expect(cloud.stderr).toContain('does not exist for aws');
  });

  it('a port already in use: exit 2', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await runCli(['hub-sim', '--echo-port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('already in use');
    } finally {
      blocker.close();
    }
  });

  it('serves the scenario in-process, logs each connection as JSON lines, and stops on abort', async () => {
    const controller = new AbortController();
    let stdout = '';
    let onLine: () => void = () => {};
    const { main } = await import('../main.js');
    const run = main(['hub-sim', '--scenario', 'expired-leaf', '--json'], {
      stdout: {
        write: (t: string) => {
          stdout += t;
          onLine();
        },
      },
      stderr: { write: () => 0 },
      env: {},
      signal: controller.signal,
      cwd: '.',
    });
    await new Promise<void>((resolve) => {
      onLine = () => stdout.includes('\n') && resolve();
    });
    const hubLine = JSON.parse(stdout.split('\n')[0] as string);
    expect(schemaErrors('hub-sim', hubLine)).toEqual([]);
    const error = await new Promise<string>((resolve) => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port: hubLine.ports.echo,
        servername: hubLine.hostname,
        ca: readFileSync(hubLine.caFile),
      });
      socket.on('secureConnect', () => resolve('connected'));
      socket.on('error', (e: Error & { code?: string }) => resolve(e.code ?? ''));
    });
    expect(error).toBe('CERT_HAS_EXPIRED');
    await new Promise<void>((resolve) => {
      onLine = () => stdout.split('\n').length > 2 && resolve();
      onLine();
    });
    controller.abort();
    expect(await run).toBe(0);
    const record = JSON.parse(stdout.split('\n')[1] as string);
    expect(schemaErrors('hub-sim', record)).toEqual([]);
    expect(record).toMatchObject({ kind: 'connection', endpoint: 'echo' });
    expect(existsSync(hubLine.caFile)).toBe(false);
  });

  it('runs as a real binary until Ctrl-C, then closes its ports and removes its files', async () => {
    const child = spawnCli(['hub-sim', '--scenario', 'current']);
    await child.waitFor(/Press Ctrl-C/);
    child.signal('SIGINT');
    const r = await child.done;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stopped after 0 connection(s)');
    const caFile = /CA bundle {2}(\S+)/.exec(r.stdout)?.[1] as string;
    const port = Number(/MQTT\/TLS {3}127\.0\.0\.1:(\d+)/.exec(r.stdout)?.[1]);
    expect(existsSync(caFile)).toBe(false);
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => resolve('open'));
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? ''));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
