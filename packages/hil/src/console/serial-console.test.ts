import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort, SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { HilTimeoutError, RigFaultError } from '../errors.js';
import type { Binding } from '../serial-types.js';
import { captureBinding } from '../testing/capture-binding.js';
import { ptyPair } from '../testing/pty.js';
import { DeviceCrashError, SerialConsole } from './serial-console.js';

const MockBinding = SerialPortMock.binding;
afterEach(() => MockBinding.reset());

async function mockConsole(extra: Partial<Parameters<typeof SerialConsole.open>[0]> = {}) {
  MockBinding.createPort('/dev/fake0', { echo: false, record: true });
  const cap = captureBinding(MockBinding as unknown as Binding);
  const dir = mkdtempSync(join(tmpdir(), 'hil-con-'));
  const con = await SerialConsole.open({
    path: '/dev/fake0',
    binding: cap.binding,
    rawLog: join(dir, 'raw.log'),
    lineLog: join(dir, 'lines.log'),
    quietFlushMs: 50,
    ...extra,
  });
  const port = cap.opened[0] as unknown as { emitData(d: string | Buffer): void; recording: Buffer };
  return { con, send: (d: string | Buffer) => port.emitData(d), port, dir };
}

describe('serial console (mock binding)', () => {
  it('expects lines in order with captures, any and all', async () => {
    const { con, send } = await mockConsole();
    send('boot\r\nI (10) tls: handshake returned -0x2700\r\nflags 0x08\nMQTT ');
    send('CONNACK rc=0\n');
    const m = await con.expect(/handshake returned (?<code>-0x[0-9a-f]+)/);
    expect(m.captures).toEqual(['-0x2700']);
    expect(m.groups.code).toBe('-0x2700');
    const any = await con.expectAny(['nope', /CONNACK rc=(\d)/]);
    expect([any.index, any.captures[0]]).toEqual([1, '0']);
    // "boot" was consumed by the first expect: only later lines count.
    await expect(con.expect('boot', { timeout: 50 })).rejects.toBeInstanceOf(HilTimeoutError);
    setTimeout(() => send('b-line\na-line\n'), 20);
    const all = await con.expectAll([/a-line/, /b-line/], { timeout: 2000 });
    expect(all.map((x) => x.line.text)).toEqual(['a-line', 'b-line']);
    await con.close();
  });

  it('times out with the last lines in the message, and sends what the test writes', async () => {
    const { con, send, port } = await mockConsole();
    send('only this\n');
    const error = await con.expect('never', { timeout: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HilTimeoutError);
    expect((error as Error).message).toMatch(
      /no line matching never within 100 ms; last lines:\n\s+only this/,
    );
    await con.write('connect 127.0.0.1 8883\n');
    expect(port.recording.toString()).toBe('connect 127.0.0.1 8883\n');
    await con.close();
  });

  it('expectNot passes on silence and fails on the line', async () => {
    const { con, send } = await mockConsole();
    await con.expectNot('panic', { timeout: 50 });
    setTimeout(() => send('kernel panic\n'), 10);
    await expect(con.expectNot('panic', { timeout: 1000 })).rejects.toThrow(
      /unexpected line matching panic: kernel panic/,
    );
    await con.close();
  });

  it('flushes a prompt without line end after silence, and keeps raw and line artifacts', async () => {
    const { con, send, dir } = await mockConsole();
    send(Buffer.from([0x1b, 0x5b, 0x33, 0x32, 0x6d, 0x3e, 0x20, 0x00])); // "\e[32m> \0"
    const m = await con.expect(/^> $/, { timeout: 1000 });
    expect(m.line.partial).toBe(true);
    await con.close();
    expect(readFileSync(join(dir, 'raw.log'))).toEqual(
      Buffer.from([0x1b, 0x5b, 0x33, 0x32, 0x6d, 0x3e, 0x20, 0x00]),
    );
    expect(readFileSync(join(dir, 'lines.log'), 'utf8')).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z > \n$/);
  });

  it('ends an expect with a device crash on an ESP-IDF panic, with the backtrace addresses', async () => {
    const { con, send } = await mockConsole();
    // /0x/ appears in the dump's lines: they must not satisfy an expect.
    const waiting = con.expect(/0x/, { timeout: 5000 }).catch((e: unknown) => e);
    send("Guru Meditation Error: Core  0 panic'ed (LoadProhibited). Exception was unhandled.\r\n");
    send('Core  0 register dump:\r\nPC      : 0x400d1f2c  PS      : 0x00060f30\r\n');
    send('Backtrace: 0x400d1f29:0x3ffb1f60 0x400d2e41:0x3ffb1f90 0x40088b95:0x3ffb1fb0\r\n');
    const error = (await waiting) as DeviceCrashError;
    expect(error).toBeInstanceOf(DeviceCrashError);
    expect(error.kind).toBe('device-crash');
    expect(error.report.kind).toBe('esp-panic');
    expect(error.report.addresses).toEqual(['0x400d1f2c', '0x400d1f29', '0x400d2e41', '0x40088b95']);
    // Every later expect fails the same way.
    await expect(con.expect('x')).rejects.toBe(error);
    await con.close();
  });

  it('reports a Zephyr HardFault dump without an end line, and an unexpected boot banner', async () => {
    const a = await mockConsole();
    const waiting = a.con.expect('never', { timeout: 5000 }).catch((e: unknown) => e);
    a.send('E: ***** HARD FAULT *****\nE: r0/a1:  0x00000000  r1/a2:  0x20001000\nE: r15/pc: 0x00012a4c\n');
    const error = (await waiting) as DeviceCrashError;
    expect([error.report.kind, error.report.addresses]).toEqual(['cortex-m-fault', ['0x00012a4c']]);
    await a.con.close();
    MockBinding.reset();

    const b = await mockConsole({ bootBanner: /^hubtrust native-board .* boot/ });
    b.send('hubtrust native-board 1.0 boot\n');
    await b.con.expect('boot');
    b.con.armResetDetection();
    const later = b.con.expect('CONNACK', { timeout: 5000 }).catch((e: unknown) => e);
    b.send('hubtrust native-board 1.0 boot\n');
    expect(((await later) as DeviceCrashError).report.kind).toBe('unexpected-reset');
    await b.con.close();
  });

  it('decodes the backtrace with addr2line when the ELF is known', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hil-elf-'));
    writeFileSync(
      join(dir, 'f.c'),
      'int crash_here(int x) { return x * 3; }\nint main(void) { return crash_here(2); }\n',
    );
    execFileSync('cc', ['-g', '-O0', '-no-pie', '-o', join(dir, 'f.elf'), join(dir, 'f.c')]);
    const sym = execFileSync('nm', [join(dir, 'f.elf')])
      .toString()
      .match(/^([0-9a-f]+) T crash_here$/m)?.[1] as string;
    const pc = `0x${sym.padStart(16, '0').slice(-8)}`;
    const { con, send } = await mockConsole({ elf: join(dir, 'f.elf') });
    const waiting = con.expect('never', { timeout: 5000 }).catch((e: unknown) => e);
    send(`Guru Meditation Error: Core  0 panic'ed (IllegalInstruction)\nBacktrace: ${pc}:0x3ffb1f60\n`);
    const error = (await waiting) as DeviceCrashError;
    expect(error.report.decoded?.join('\n')).toMatch(/crash_here at .*f\.c:1/);
    await con.close();
  });
});

describe('serial console (socat pty, real binding)', () => {
  it('keeps lines intact through garbage bytes and odd chunking', async () => {
    const pty = await ptyPair();
    const con = await SerialConsole.open({ path: pty.host });
    const device = new SerialPort({ path: pty.device, baudRate: 115200 });
    await new Promise((r) => device.once('open', r));
    const garbage = Buffer.from([0xff, 0x00, 0xfe, 0x80, 0x1b, 0x5b, 0x30, 0x6d, 0x07]);
    for (let i = 0; i < 50; i++) device.write(Buffer.concat([garbage, Buffer.from(`line ${i} ok\r\n`)]));
    const last = await con.expect('line 49 ok', { timeout: 10_000 });
    const numbered = con.lines.filter((l) => /line \d+ ok/.test(l.text)).map((l) => l.text);
    expect(numbered).toEqual(Array.from({ length: 50 }, (_, i) => `line ${i} ok`));
    expect(last.line.text).toBe('line 49 ok');
    await new Promise((r) => device.close(r));
    await con.close();
    await pty.stop();
  });

  it('reconnects when the port comes back, and is a rig fault when it does not (log kept)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hil-pty-'));
    let pty = await ptyPair(dir);
    const con = await SerialConsole.open({
      path: pty.host,
      reconnectMs: 3000,
      lineLog: join(dir, 'lines.log'),
    });
    await pty.stop();
    pty = await ptyPair(dir); // the adapter re-enumerates under the same by-id name
    const device = new SerialPort({ path: pty.device, baudRate: 115200 });
    await new Promise((r) => device.once('open', r));
    // Keep writing until the console is back (reopen polls every 200 ms).
    const timer = setInterval(() => device.write('after reconnect\n'), 100);
    await con.expect('after reconnect', { timeout: 8000 });
    clearInterval(timer);
    expect(con.reconnectCount).toBe(1);
    await new Promise((r) => device.close(r));
    const pending = con.expect('never', { timeout: 20_000 }).catch((e: unknown) => e);
    await pty.stop();
    const error = await pending;
    expect(error).toBeInstanceOf(RigFaultError);
    expect((error as Error).message).toMatch(/disappeared/);
    await con.close();
    expect(readFileSync(join(dir, 'lines.log'), 'utf8')).toMatch(
      /after reconnect[\s\S]*\[hil\] serial port disappeared/,
    );
  });
});

describe('serial console: late line ends', () => {
  it('does not split a line whose end arrives after a pause', async () => {
    MockBinding.createPort('/dev/fake9', { echo: false, record: true });
    const cap = captureBinding(MockBinding as unknown as Binding);
    const con = await SerialConsole.open({ path: '/dev/fake9', binding: cap.binding, quietFlushMs: 30 });
    const port = cap.opened[0] as unknown as { emitData(d: string): void };
    port.emitData('hubtrust: result stage=hand');
    await new Promise((r) => setTimeout(r, 100)); // longer than the quiet time
    port.emitData('shake ret=-0x2700\n');
    const m = await con.expect(/^hubtrust: result stage=(\w+) ret=(\S+)$/);
    expect(m.captures).toEqual(['handshake', '-0x2700']);
    expect(con.lines.map((l) => l.text)).toEqual(['hubtrust: result stage=handshake ret=-0x2700']);
    await con.close();
  });
});
