import { HANDSHAKE_CAUSES } from '@hubtrust/roots';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainLog, LogClassifier } from './classifier.js';
import { WORKED_EXAMPLES } from './testing/worked-examples.js';

describe('explainLog: one worked example per stack', () => {
  for (const ex of WORKED_EXAMPLES) {
    it(`${ex.stack}: ${ex.title}`, () => {
      const e = explainLog(ex.log);
      expect(e.cause).toBe(ex.cause);
      if (ex.detail) expect(e.detail).toBe(ex.detail);
      expect(e.stack).toBe(ex.stack);
      expect(e.evidence.length).toBeGreaterThan(0);
      if (ex.remedyMentions) for (const m of ex.remedyMentions) expect(e.remedy).toContain(m);
    });
  }
});

describe('single documented messages of each stack', () => {
  const cases: [string, string][] = [
    [
      'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1129)',
      'expired',
    ],
    [
      "Error: self-signed certificate in certificate chain\n  code: 'SELF_SIGNED_CERT_IN_CHAIN'",
      'unknown_ca',
    ],
    [
      'E (8261) esp-x509-crt-bundle: Failed to verify certificate\nE (8262) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x3000',
      'unknown_ca',
    ],
    ['[  5.123] <err> net_sock_tls: TLS handshake error: -0x2700', 'unknown_ca'],
    ['Verify return code: 10 (certificate has expired)', 'expired'],
    [
      'I (5001) mbedtls: ssl_msg.c:4799 is a fatal alert message (msg 46)\nE (5002) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x7780',
      'peer_rejected_client_cert',
    ],
    [
      '140234:error:1409442E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:../ssl/record/rec_layer_s3.c:1543:SSL alert number 70',
      'protocol_mismatch',
    ],
    ['Attempting MQTT connection...failed, rc=5 try again in 5 seconds', 'peer_rejected_client_cert'],
    ['mqtt: dial tcp: lookup broker.example.com: no such host', 'network'],
    ['wolfSSL_connect error -322, peer subject name mismatch', 'hostname_mismatch'],
    ["BSSL:Couldn't connect. Error = 'Chain could not be linked to a trust anchor.'", 'unknown_ca'],
    ['Error: SSL error 112', 'hostname_mismatch'],
  ];
  for (const [log, cause] of cases)
    it(`${cause}: ${log.split('\n')[0]?.slice(0, 60)}`, () => expect(explainLog(log).cause).toBe(cause));
});

describe('root-cause ranking', () => {
  it('a memory failure under a verification failure is out_of_memory (composite code)', () => {
    const e = explainLog('E (912) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2710\n');
    expect(e.cause).toBe('out_of_memory');
    expect(e.code?.names).toEqual(['MBEDTLS_ERR_X509_CERT_VERIFY_FAILED', 'MBEDTLS_ERR_MPI_ALLOC_FAILED']);
  });

  it('a memory failure on another line beats the verification failure it caused', () => {
    const e = explainLog(
      ['mbedtls_ssl_handshake returned -0x2700', 'x509_crt.c: alloc failed, Largest free block 3000'].join(
        '\n',
      ),
    );
    expect(e.cause).toBe('out_of_memory');
  });

  it('verify flags name the reason behind -0x2700: clock before trust', () => {
    const e = explainLog(
      ['mbedtls_ssl_handshake returned -0x2700', 'Verification failed, flags 0x208'].join('\n'),
    );
    expect(e.cause).toBe('not_yet_valid_clock');
    expect(e.flags?.names).toContain('MBEDTLS_X509_BADCERT_FUTURE');
  });

  it('a specific name failure beats the generic "certificate verify failed"', () => {
    const e = explainLog(
      'OpenSSL Error[0]: error:0A000086:SSL routines::certificate verify failed\nError: host name verification failed.\n',
    );
    expect(e.cause).toBe('hostname_mismatch');
  });

  it('a later successful handshake ends the story; a rejection after CONNECT does not', () => {
    expect(
      explainLog('mbedtls_ssl_handshake returned -0x2700\n  . Performing the SSL/TLS handshake... ok\n')
        .cause,
    ).toBe('handshake_success');
    const e = explainLog(
      [
        'I (100) esp-tls-mbedtls: Certificate verified.',
        'E (200) MQTT_CLIENT: Connection refused, not authorized',
      ].join('\n'),
    );
    expect(e.cause).toBe('peer_rejected_client_cert');
  });

  it('byte counts mbedTLS debug prints as "returned N (-0x…)" after a good handshake are not errors', () => {
    // mbedtls_debug_print_ret (debug.c) prints every value as "%d (-0x%04x)"; at level 2 the
    // record layer logs the bytes each read and write moved that way.
    const log = [
      'ssl_tls.c:5804: |2| 0x7ffe14: => handshake',
      'ssl_msg.c:1998: |2| 0x7ffe14: ssl->f_recv(_timeout)() returned 3374 (-0xfffff2d2)',
      'ssl_tls.c:5815: |2| 0x7ffe14: <= handshake',
      '  ok\n    [ Protocol is TLSv1.2 ]\n    [ Ciphersuite is TLS-ECDHE-RSA-WITH-AES-256-GCM-SHA384 ]',
      'ssl_msg.c:2054: |2| 0x7ffe14: ssl->f_send() returned 143 (-0xffffff71)',
      'ssl_msg.c:1998: |2| 0x7ffe14: ssl->f_recv(_timeout)() returned 5 (-0xfffffffb)',
      'ssl_msg.c:1998: |2| 0x7ffe14: ssl->f_recv(_timeout)() returned 16413 (-0xffffbfe3)',
    ].join('\n');
    expect(explainLog(log).cause).toBe('handshake_success');
    // A negative value on the same kind of line is still an error.
    const failed = 'ssl_msg.c:1998: |1| 0x7ffe14: ssl->f_recv(_timeout)() returned -29312 (-0x7280)';
    expect(explainLog(failed).detail).toBe('MBEDTLS_ERR_SSL_CONN_EOF');
  });

  it('handshake_failure right after the ClientHello is a protocol mismatch, after the client certificate a rejection', () => {
    const hello = [
      'mbedtls: client state: 2',
      'got an alert message, type: [2:40]',
      'mbedtls_ssl_handshake returned -0x7780',
    ].join('\n');
    expect(explainLog(hello).cause).toBe('protocol_mismatch');
    const auth = [
      'mbedtls: client state: 12',
      'got an alert message, type: [2:40]',
      'mbedtls_ssl_handshake returned -0x7780',
    ].join('\n');
    expect(explainLog(auth).cause).toBe('peer_rejected_client_cert');
  });

  it('"expired or not yet valid" is the clock when the device time is 1970 and expiry when it is current', () => {
    const line = "BSSL:Couldn't connect. Error = 'Certificate is expired or not yet valid.'";
    expect(explainLog(`Current time: Thu Jan  1 00:00:05 1970\n${line}`).cause).toBe('not_yet_valid_clock');
    expect(explainLog(`Current time: Sat Mar  2 10:00:05 2024\n${line}`).cause).toBe('expired');
  });

  it('names out-of-vocabulary failures in detail', () => {
    const e = explainLog('ssl_tls.c:3327 TLS handshake fragmentation not supported');
    expect(e.cause).toBe('other');
    expect(e.detail).toBe('handshake_message_too_large');
    expect(e.remedy).toContain('MBEDTLS_SSL_IN_CONTENT_LEN');
  });
});

describe('remedies that name things', () => {
  it('names the Azure roots and the stack format for an unknown_ca to an IoT hub', () => {
    const e = explainLog(
      [
        'Connecting to myhub.azure-devices.net:8883',
        'mbedtls_ssl_handshake returned -0x2700',
        'verify flags 0x8',
      ].join('\n'),
    );
    expect(e.cause).toBe('unknown_ca');
    expect(e.host).toBe('myhub.azure-devices.net');
    expect(e.remedy).toContain('DigiCert Global Root G2');
    expect(e.remedy).toContain('Microsoft RSA Root Certificate Authority 2017');
    expect(e.remedy).toContain('mbedtls_x509_crt_parse');
  });

  it('names the AWS roots for an ATS endpoint, and tells a legacy endpoint to move', () => {
    const ats = explainLog(
      'Connecting to a1b2c3-ats.iot.eu-west-1.amazonaws.com\nx509: certificate signed by unknown authority',
    );
    expect(ats.remedy).toContain('Amazon Root CA 1');
    expect(ats.remedy).toContain('Starfield Services Root Certificate Authority - G2');
    expect(ats.remedy).toContain('x509.CertPool');
    const legacy = explainLog(
      'Connecting to a1b2c3.iot.eu-west-1.amazonaws.com\nx509: certificate signed by unknown authority',
    );
    expect(legacy.remedy).toContain('-ats');
  });

  it('gives the SNTP step for the clock and the buffer sizes for memory', () => {
    expect(explainLog('wolfSSL_connect error -150').remedy).toContain('SNTP');
    expect(explainLog('mbedtls_ssl_setup returned -0x7f00').remedy).toContain('MBEDTLS_SSL_OUT_CONTENT_LEN');
  });
});

describe('streaming', () => {
  it('gives the same answer fed byte by byte as whole', () => {
    for (const ex of WORKED_EXAMPLES) {
      const c = new LogClassifier();
      for (const b of new TextEncoder().encode(ex.log)) c.push(new Uint8Array([b]));
      expect(c.end()).toEqual(explainLog(ex.log));
    }
  });

  it('refuses input after end()', () => {
    const c = new LogClassifier();
    c.end();
    expect(() => c.push('x')).toThrow(/after end/);
  });
});

describe('bad input', () => {
  const ok = (e: ReturnType<typeof explainLog>) => {
    expect(HANDSHAKE_CAUSES).toContain(e.cause);
    expect(typeof e.detail).toBe('string');
    expect(e.evidence.length).toBeLessThanOrEqual(8);
  };

  it('binary garbage and empty input give other with the reason', () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const e = explainLog(garbage);
    ok(e);
    expect(explainLog('').detail).toBe('empty_input');
    expect(explainLog('hello\nworld\n').detail).toBe('no_tls_evidence');
  });

  it('finds the cause through ANSI colours, NUL bytes, CR-only endings and interleaved tasks', () => {
    const log = [
      '\u001b[0;32mI (100) wifi: connected\u001b[0m',
      'I (101) task2: sensor=12\u0000\u0000',
      '\u001b[0;31mE (102) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700\u001b[0m',
      'I (103) task2: sensor=13',
      'E (104) esp-tls-mbedtls: verify flags 0x8',
    ].join('\r');
    const e = explainLog(log);
    expect(e.cause).toBe('unknown_ca');
    expect(e.evidence.map((x) => x.line)).toContain(3);
  });

  it('property: any bytes, any chunking — no exception, same answer as whole', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.array(fc.nat(2000), { maxLength: 6 }),
        (bytes, cuts) => {
          const whole = explainLog(bytes);
          ok(whole);
          const c = new LogClassifier();
          let at = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            c.push(bytes.slice(at, Math.max(at, cut)));
            at = Math.max(at, cut);
          }
          c.push(bytes.slice(at));
          expect(c.end()).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: a real failure line survives noise, truncation of other lines and mixed endings', () => {
    const noise = fc.string({ maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, ' '));
    const ending = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(
        fc.array(noise, { maxLength: 20 }),
        fc.array(noise, { maxLength: 20 }),
        ending,
        (before, after, eol) => {
          const lines = [
            ...before.map((l) => `I (1) app: ${l}`),
            'E (2) esp-tls-mbedtls: mbedtls_ssl_setup returned -0x7f00',
            ...after.map((l) => `I (3) app: ${l.slice(0, 10)}`),
          ];
          const e = explainLog(lines.join(eol));
          expect(e.cause).toBe('out_of_memory');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a 200 KiB line is cut, not kept, and the next line still counts', () => {
    const e = explainLog(`${'A'.repeat(200 * 1024)}\nmbedtls_ssl_handshake returned -0x2700\n`);
    expect(e.input.cutLines).toBe(1);
    expect(e.cause).toBe('unknown_ca');
  });
});

describe('large input (sanity; speed is measured in bench/classify.bench.mjs, not here)', () => {
  it('classifies a 4 MiB console log fed in 4 KiB chunks, finding the one failure in the noise', () => {
    const noise = 'I (1234) app: sensor temperature=23.5 humidity=41 free heap 81234\n';
    const block = noise.repeat(32 * 1024); // 2 MiB
    const bytes = new TextEncoder().encode(
      `${block}E (99) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700\n${block}`,
    );
    const c = new LogClassifier();
    for (let i = 0; i < bytes.length; i += 4096) c.push(bytes.subarray(i, i + 4096));
    const e = c.end();
    expect(e.cause).toBe('unknown_ca');
    expect(e.input.lines).toBe(2 * 32 * 1024 + 1);
    expect(e.evidence[0]?.line).toBe(32 * 1024 + 1);
  });
});
