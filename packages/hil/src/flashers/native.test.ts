// The native board against real hub-sim endpoints: real mbedTLS 2.28 on one side, Node's OpenSSL
// on the other, a socat pty and serialport's real binding in between.
import { startHub } from '@hubtrust/hub-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCommand } from '../conformance/device-commands.js';
import { DeviceCrashError } from '../console/serial-console.js';
import { type NativeRig, startNativeRig, testBundle } from '../testing/native-rig.js';

const RESULT = /^hubtrust: result stage=(\w+) ret=(-0x[0-9a-f]+) verify=(0x[0-9a-f]+) mqtt=(-?\d+)/;

describe('native board (mbedTLS 2.28 over a socat pty)', () => {
  let rig: NativeRig;
  beforeAll(async () => {
    rig = await startNativeRig(
      await testBundle('azure-test', ['digicert-global-root-g2', 'baltimore-cybertrust-root']),
    );
    await rig.console.expect('hubtrust> ready', { timeout: 10_000 });
    rig.console.armResetDetection();
  });
  afterAll(async () => rig?.stop());

  async function attempt(
    scenario: Parameters<typeof startHub>[0],
    extra: Parameters<typeof connectCommand>[1] = {},
  ) {
    const hub = await startHub(scenario);
    try {
      await rig.console.write(connectCommand(hub, extra));
      const m = await rig.console.expect(RESULT, { timeout: 30_000 });
      await rig.console.expect('hubtrust> ready');
      const record = await hub.waitForRecord((r) => r.endedAt !== null && r.endpoint === 'mqtt', 10_000);
      return { stage: m.captures[0], ret: m.captures[1], verify: m.captures[2], mqtt: m.captures[3], record };
    } finally {
      await hub.stop();
    }
  }

  it('boots with its compiled-in roots', () => {
    const text = rig.console.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/hubtrust native-board 1\.0 boot \(mbedTLS 2\.28\.\d+/);
    expect(text).toMatch(/ok \(2 roots\)/);
    expect(text).toMatch(/root .*CN=hubtrust TEST DigiCert Global Root G2/);
  });

  it('connects to a valid hub over TLS 1.2 and authenticates over MQTT', async () => {
    const r = await attempt({ scenario: 'current' });
    expect(r).toMatchObject({ stage: 'done', ret: '-0x0000', mqtt: '0' });
    expect(r.record.handshake.protocol).toBe('TLSv1.2');
    expect(r.record.mqtt?.connackReturnCode).toBe(0);
  });

  it('refuses an untrusted root with -0x2700 and the verify info, and the hub sees the alert', async () => {
    const r = await attempt({ scenario: 'untrusted-root' });
    expect(r).toMatchObject({ stage: 'handshake', ret: '-0x2700', verify: '0x00000008' });
    const text = rig.console.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/! The certificate is not correctly signed by the trusted CA/);
    expect(r.record.outcome).toBe('client-alert');
  });

  it('fails with -0x7F00 on a small heap, and sees 1970 with an unset clock', async () => {
    const small = await attempt({ scenario: 'current' }, { heap: 20_000 });
    expect(small.ret).toBe('-0x7f00');
    const clock = await attempt({ scenario: 'current' }, { clock: 'unset' });
    expect(clock).toMatchObject({ ret: '-0x2700', verify: '0x00000200' }); // BADCERT_FUTURE
    expect(rig.console.lines.map((l) => l.text).join('\n')).toMatch(/Device time is 1970-01-01T00:00/);
  });

  it('fails on records larger than a small input buffer', async () => {
    const r = await attempt({ scenario: 'current' }, { inbuf: 2048 });
    expect(r.ret).toBe('-0x7200');
    expect(rig.console.lines.map((l) => l.text).join('\n')).toMatch(/bad message length/);
  });

  it('reports its own reboot as an unexpected reset', async () => {
    await rig.console.write('reboot\n');
    const error = await rig.console.expect('never', { timeout: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceCrashError);
    expect((error as DeviceCrashError).report.kind).toBe('unexpected-reset');
  });
});
