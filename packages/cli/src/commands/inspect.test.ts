import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { loadTestPki, startHub } from '@hubtrust/hub-sim';
import { derToPem, pemToDer, splitPem } from '@hubtrust/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, schemaErrors, spawnCli, tempDir } from '../testing/cli.js';
import { type ChainFiles, scenarioFiles } from '../testing/fixtures.js';

const dir = tempDir();
let current: ChainFiles;
const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

beforeAll(async () => {
  current = await scenarioFiles(dir, 'current');
});

describe('inspect <file>', () => {
  it('lists the certificates of a PEM chain in order, with SHA-256 and order notes', async () => {
    const r = await runCli(['inspect', current.chain, '--at', '2026-06-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 certificate(s)');
    expect(r.stdout).toMatch(/#0 {2}\*\.azure-devices\.net/);
    expect(r.stdout).toContain(`sha256   ${sha256(current.chainDer[0] as Uint8Array)}`);
    expect(r.stdout).toContain('note: #1 is issued by "CN=hubtrust TEST DigiCert Global Root G2');
    expect(r.stderr).toBe('');
  });

  it('--json matches the schema; sha256 is the DER hash; `pem` is an alias', async () => {
    const r = await runCli(['pem', current.chain, '--json', '--at', '2026-06-01T00:00:00Z']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('inspect', json)).toEqual([]);
    expect(json.at).toBe('2026-06-01T00:00:00Z');
    expect(json.certificates.map((c: { sha256: string }) => c.sha256)).toEqual(current.chainDer.map(sha256));
    expect(json.certificates[0].issuerIndex).toBe(1);
    expect(json.source).toEqual({ kind: 'file', path: current.chain, format: 'pem' });
    expect(json.certificates[0].where).toMatchObject({ form: 'pem', line: 1 });
  });

  it('reads DER files, single and concatenated; judges expiry at --at', async () => {
    const [leaf, ica] = current.chainDer as [Uint8Array, Uint8Array];
    const one = join(dir, 'leaf.der');
    const two = join(dir, 'two.der');
    writeFileSync(one, leaf);
    writeFileSync(two, Buffer.concat([leaf, ica]));
    const a = JSON.parse((await runCli(['inspect', one, '--json', '--at', '2040-01-01'])).stdout);
    expect(a.source.format).toBe('der');
    expect(a.certificates[0].status).toBe('expired');
    const b = JSON.parse((await runCli(['inspect', two, '--json'])).stdout);
    expect(b.certificates).toHaveLength(2);
    expect(schemaErrors('inspect', b)).toEqual([]);
  });

  it('reads the roots of a C source (certs.c style) with their line and variable', async () => {
    const { writeC } = await import('@hubtrust/roots');
    const c = writeC(splitPem(readFileSync(current.roots, 'utf8')), {
      forms: ['pem'],
      prefix: 'device_roots',
    });
    const file = join(dir, 'certs.c');
    writeFileSync(file, c.source.text);
    const r = await runCli(['inspect', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('inspect', json)).toEqual([]);
    expect(json.source.format).toBe('c-source');
    expect(json.certificates).toHaveLength(3);
    expect(json.certificates[0].where.line).toBeGreaterThan(1);
    expect(json.warnings).toEqual([]);
    // The same C source is a device bundle for verify.
    expect((await runCli(['verify', current.chain, '--roots', file, '--at', '2026-06-01'])).code).toBe(0);
  });

  it('lists the anchors of an ESP-IDF bundle; verify refuses it as roots, saying why', async () => {
    const { writeEspBundle } = await import('@hubtrust/roots');
    const bundle = writeEspBundle(splitPem(readFileSync(current.roots, 'utf8')), { format: 'v5.4' });
    const file = join(dir, 'x509_crt_bundle');
    writeFileSync(file, bundle.bytes);
    const r = await runCli(['inspect', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(schemaErrors('inspect', json)).toEqual([]);
    expect(json.source.format).toBe('esp-bundle');
    expect(json.anchors.map((a: { subject: string }) => a.subject).join('\n')).toContain(
      'hubtrust TEST DigiCert Global Root G2',
    );
    const v = await runCli(['verify', current.chain, '--roots', file]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain('keeps only the subject and key of each root');
  });

  it('finds the certificates embedded in a firmware image, with their offsets', async () => {
    const [leaf, ica] = current.chainDer as [Uint8Array, Uint8Array];
    const image = Buffer.concat([
      Buffer.alloc(4096, 0xff),
      leaf,
      Buffer.alloc(777, 0),
      ica,
      Buffer.alloc(1000, 0xaa),
    ]);
    const file = join(dir, 'firmware.bin');
    writeFileSync(file, image);
    const json = JSON.parse((await runCli(['inspect', file, '--json'])).stdout);
    expect(json.source.format).toBe('image');
    expect(json.certificates.map((c: { where: { offset: number } }) => c.where.offset)).toEqual([
      4096,
      4096 + leaf.length + 777,
    ]);
  });

  it('warns about a chain out of order and a duplicate', async () => {
    const [leaf, ica] = current.chainDer as [Uint8Array, Uint8Array];
    const file = join(dir, 'disordered.pem');
    const root = pemToDer(readFileSync(current.roots, 'utf8'));
    writeFileSync(file, [leaf, root, ica, ica].map((d) => derToPem(d)).join(''));
    const r = await runCli(['inspect', file]);
    expect(r.stdout).toContain(
      'warning: #0 is issued by #2, not by the next certificate: the list is out of order',
    );
    expect(r.stdout).toContain('warning: #3 is a duplicate of #2');
  });

  it('writes a self-contained HTML report with --html', async () => {
    const out = join(dir, 'inspect.html');
    const r = await runCli(['inspect', current.chain, '--html', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`HTML report: ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('hubtrust TEST Microsoft Azure RSA TLS Issuing CA 03');
    expect(html).toContain('class="hubtrust-timeline"');
    expect(html).not.toMatch(/<script|<link|(src|href)=/i);
  });

  describe('bad input: a clear message on stderr, exit 2, nothing on stdout', () => {
    const cases: [string, () => string, RegExp][] = [
      ['a missing file', () => join(dir, 'nope.pem'), /does not exist/],
      ['a directory', () => dir, /is a directory/],
      [
        'a FIFO that nobody writes to (not a regular file: never read, so never stalls)',
        () => {
          const fifo = join(dir, 'fifo');
          execFileSync('mkfifo', [fifo]);
          return fifo;
        },
        /is not a regular file/,
      ],
      ['a character device (/dev/zero: endless)', () => '/dev/zero', /is not a regular file/],
      [
        'binary garbage',
        () => {
          const f = join(dir, 'garbage.bin');
          writeFileSync(f, Buffer.from([0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3]));
          return f;
        },
        /no certificate found \(read as image\)/,
      ],
      [
        'PEM with broken base64',
        () => {
          const f = join(dir, 'broken.pem');
          writeFileSync(f, '-----BEGIN CERTIFICATE-----\nMIIB**notbase64**\n-----END CERTIFICATE-----\n');
          return f;
        },
        /PEM_BAD_BASE64: character '\*' is not base64/,
      ],
      [
        'a private key only',
        () => {
          const f = join(dir, 'key.pem');
          writeFileSync(f, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
          return f;
        },
        /no certificate found \(read as pem\)/,
      ],
      [
        'a truncated DER certificate',
        () => {
          const f = join(dir, 'truncated.der');
          writeFileSync(f, (current.chainDer[0] as Uint8Array).subarray(0, 300));
          return f;
        },
        /no (readable )?certificate/,
      ],
      [
        'a file over 512 MiB (sparse: the size is refused before anything is read)',
        () => {
          const f = join(dir, 'huge.bin');
          writeFileSync(f, '');
          truncateSync(f, 513 * 1024 * 1024);
          return f;
        },
        /at most 536,870,912 are read/,
      ],
    ];
    for (const [what, make, message] of cases) {
      it(what, async () => {
        const r = await runCli(['inspect', make()]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(message);
        expect(r.stderr).toContain('fix:');
      });
    }

    it('a PEM file with one damaged certificate: the rest is listed, the problem named, exit 2', async () => {
      const f = join(dir, 'half-damaged.pem');
      const [leaf, ica] = current.chainDer as [Uint8Array, Uint8Array];
      const broken = Uint8Array.from(leaf);
      broken[5] = 0x05; // the version's tag: no longer a certificate
      writeFileSync(f, derToPem(ica) + derToPem(broken));
      const r = await runCli(['inspect', f, '--json']);
      expect(r.code).toBe(2);
      const json = JSON.parse(r.stdout);
      expect(schemaErrors('inspect', json)).toEqual([]);
      expect(json.certificates.map((c: { sha256: string }) => c.sha256)).toEqual([sha256(ica)]);
      expect(json.problems.join('\n')).toMatch(/NOT_A_CERTIFICATE/);
    });

    it('a bad --at date or --timeout', async () => {
      for (const at of ['2026-02-31', 'yesterday', '2026-13-01', '']) {
        const r = await runCli(['inspect', current.chain, '--at', at]);
        expect(r.code, at).toBe(2);
        expect(r.stderr).toContain(`--at "${at}" is not a date`);
      }
      const t = await runCli(['inspect', current.chain, '--timeout', '-1']);
      expect(t.code).toBe(2);
      expect(t.stderr).toContain('is not a duration');
    });

    it('an unwritable --html path', async () => {
      const r = await runCli(['inspect', current.chain, '--html', join(dir, 'no', 'such', 'dir', 'r.html')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('cannot write the HTML report');
    });
  });
});

describe('inspect <host:port>', () => {
  const servers: (net.Server | { stop(): Promise<void> })[] = [];
  afterAll(async () => {
    for (const s of servers) {
      if ('stop' in s) await s.stop();
      else s.close();
    }
  });

  async function hub(scenario: Parameters<typeof startHub>[0]) {
    const h = await startHub(scenario);
    servers.push(h);
    return h;
  }

  async function listen(onConnection: (socket: net.Socket) => void): Promise<number> {
    const server = net.createServer(onConnection);
    for (const s of [server]) servers.push(s);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }

  for (const scenario of ['current', 'tls12-only', 'large-chain'] as const) {
    it(`shows the chain exactly as sent (${scenario})`, async () => {
      const h = await hub({ scenario });
      const r = await runCli(['inspect', `127.0.0.1:${h.port}`, '--servername', h.hostname, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(schemaErrors('inspect', json)).toEqual([]);
      expect(json.source).toMatchObject({
        kind: 'server',
        servername: h.hostname,
        chainFrom: 'wire',
        protocol: scenario === 'tls12-only' ? 'TLSv1.2' : 'TLSv1.3',
        certificateMessageBytes: h.certificateMessageBytes[scenario === 'tls12-only' ? 'TLSv1.2' : 'TLSv1.3'],
      });
      const sent = h.chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
      expect(json.certificates.map((c: { sha256: string }) => c.sha256)).toEqual(
        sent.map((p) => sha256(pemToDer(p))),
      );
    });
  }

  it('keeps the order and extras a misconfigured node:tls server sends (node itself would re-order)', async () => {
    const pki = await loadTestPki();
    const chain = ['digicert-global-root-g2', 'baltimore-cybertrust-root', 'microsoft-rsa-tls-ca-01'].map(
      (id) => pki.certificatePem(id),
    );
    const server = tls.createServer({
      key: pki.privateKeyPem('digicert-global-root-g2'),
      cert: chain.join(''),
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const r = await runCli(['inspect', `localhost:${port}`, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.source.servername).toBe('localhost');
    expect(json.certificates.map((c: { sha256: string }) => c.sha256)).toEqual(
      chain.map((p) => sha256(pemToDer(p))),
    );
    expect(json.warnings.join('\n')).toContain('#2 is issued by #1');
  });

  it('a closed port: refused, exit 2', async () => {
    const port = await listen((s) => s.destroy());
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const free = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const r = await runCli(['inspect', `127.0.0.1:${free}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refused the connection');
    const reset = await runCli(['inspect', `127.0.0.1:${port}`]);
    expect(reset.code).toBe(2);
    expect(reset.stderr).toMatch(/closed the connection/);
  });

  it('a server that is not TLS: exit 2 naming what it answered', async () => {
    const port = await listen((s) => s.end('SSH-2.0-OpenSSH_9.2p1 Debian\r\n'));
    const r = await runCli(['inspect', `127.0.0.1:${port}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not speak TLS: it answered "SSH-2.0-OpenSSH_9.2p1 Debian"');
  });

  it('a server that stalls: exit 3 after --timeout', async () => {
    const port = await listen(() => {});
    const started = Date.now();
    const r = await runCli(['inspect', `127.0.0.1:${port}`, '--timeout', '300ms']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('did not complete a TLS handshake within 300 ms');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a TLS 1.0-only hub: the refusal is explained, exit 2', async () => {
    const h = await hub({ scenario: 'tls10-only' });
    const r = await runCli(['inspect', `127.0.0.1:${h.port}`, '--servername', h.hostname]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused the TLS handshake|closed the connection/);
  });

  it('a malformed host:port is taken as a missing file', async () => {
    const r = await runCli(['inspect', 'host:99999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not 1-65535');
  });

  it('Ctrl-C while waiting on a stalled server: exit 130, nothing left running', async () => {
    let connected: () => void = () => {};
    const open = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const port = await listen(() => connected());
    const child = spawnCli(['inspect', `127.0.0.1:${port}`, '--timeout', '60s']);
    // Interrupt once the CLI has connected (its Ctrl-C handling is installed before it connects).
    await open;
    child.signal('SIGINT');
    const r = await child.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted');
  });
});
