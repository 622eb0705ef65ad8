import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { explainLog } from '@hubtrust/logs';
import { describe, expect, it } from 'vitest';
import { runCli, schemaErrors, tempDir } from '../testing/cli.js';

// Real device logs labelled by the logs package (packages/logs/test-data/device-logs, sources in its README).
const LOGS = fileURLToPath(new URL('../../../logs/test-data/device-logs/', import.meta.url));
const WRONG_CA = join(LOGS, '001-esp8266-rtos-aws-iot-wrong-ca-0x2700.log');
const dir = tempDir();

/** A stdin that yields `chunks`, one per tick. */
const stdinOf = (chunks: (string | Uint8Array)[]) => Readable.from(chunks, { objectMode: false });

describe('logs explain <file>', () => {
  it('a real ESP8266 log: unknown_ca from -0x2700, the evidence lines and the fix; exit 0', async () => {
    const r = await runCli(['logs', 'explain', WRONG_CA]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^cause: unknown_ca \((high|medium) confidence\)/);
    expect(r.stdout).toContain('code: -0x2700 = MBEDTLS_ERR_X509_CERT_VERIFY_FAILED');
    expect(r.stdout).toMatch(
      /evidence:\n\s+1 \| E \(10011\) aws_iot: failed! mbedtls_ssl_handshake returned -0x2700/,
    );
    expect(r.stdout).toContain('remedy:');
    expect(r.stderr).toBe('');
  });

  it('--json matches its schema, for every labelled device log, and equals the one-shot classifier', async () => {
    const files = readdirSync(LOGS).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThanOrEqual(26);
    const runs = await Promise.all(files.map((f) => runCli(['logs', 'explain', join(LOGS, f), '--json'])));
    for (const [i, r] of runs.entries()) {
      const file = files[i] as string;
      const json = JSON.parse(r.stdout);
      expect(schemaErrors('logs-explain', json), file).toEqual([]);
      const oneShot = explainLog(readFileSync(join(LOGS, file)));
      expect({ cause: json.cause, detail: json.detail, evidence: json.evidence }, file).toEqual({
        cause: oneShot.cause,
        detail: oneShot.detail,
        evidence: oneShot.evidence,
      });
      expect(json.source).toEqual({ kind: 'file', path: join(LOGS, file) });
      expect(r.code, file).toBe(json.cause === 'other' ? 1 : 0);
    }
  });

  it('a log with no TLS in it: cause other, exit 1', async () => {
    const file = join(dir, 'boot.log');
    writeFileSync(file, 'I (100) boot: ESP-IDF v5.1\nI (200) wifi: connected\nI (300) app: sensor 21.5 C\n');
    const r = await runCli(['logs', 'explain', file, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ cause: 'other', detail: 'no_tls_evidence' });
  });

  it('binary garbage: named as such, exit 1, no exception', async () => {
    const file = join(dir, 'firmware.bin');
    writeFileSync(
      file,
      Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256),
    );
    const r = await runCli(['logs', 'explain', file, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ cause: 'other', detail: 'binary_input' });
  });
});

describe('logs explain - (standard input)', () => {
  it('streams a log split mid-line across chunks to the same answer as the file', async () => {
    const text = readFileSync(WRONG_CA, 'utf8');
    const cut = text.indexOf('-0x2700') + 3;
    const r = await runCli(['logs', 'explain', '-', '--json'], {
      stdin: stdinOf([Buffer.from(text.slice(0, cut)), Buffer.from(text.slice(cut))]),
    });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('logs-explain', json)).toEqual([]);
    expect(json).toMatchObject({ cause: 'unknown_ca', source: { kind: 'stdin' } });
    expect(json.code.raw).toBe('-0x2700');
  });

  it('Ctrl-C while waiting for more input: exit 130', async () => {
    const controller = new AbortController();
    const endless = new Readable({ read() {} });
    endless.push('E (1) esp-tls: connecting to example.com\n');
    setTimeout(() => controller.abort(), 100);
    const r = await runCli(['logs', 'explain', '-'], { stdin: endless, signal: controller.signal });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted');
    expect(endless.destroyed).toBe(true);
  });
});

describe('logs explain: bad input, exit 2 with a message', () => {
  it('a missing file, a directory, - without standard input, no argument', async () => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const cases: [string[], RegExp][] = [
      [['logs', 'explain', join(dir, 'none.log')], /log ".*none\.log" does not exist/],
      [['logs', 'explain', join(dir, 'folder')], /log ".*folder" is a directory/],
      [['logs', 'explain', '-'], /no standard input to read the log from/],
      [['logs', 'explain'], /missing required argument 'file\|-'/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
  });
});
