// client-cert-required: the registered device certificate is accepted, others are refused with
// the alert OpenSSL would send, in TLS 1.2 and TLS 1.3 (every TLS 1.3 suite, since the hub
// encrypts that alert itself).
import type tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hub, startHub } from './hub.js';
import type { ConnectionRecord } from './records.js';
import { mqttAttempt, pemFile, sClient, tlsAttempt } from './testing/clients.js';

let hub: Hub;
beforeAll(async () => {
  hub = await startHub({ scenario: 'client-cert-required' });
});
afterAll(async () => {
  await hub?.stop();
});

async function attempt(
  options: tls.ConnectionOptions,
): Promise<{ code: string | null; ok: boolean; record: ConnectionRecord }> {
  const before = hub.records.at(-1)?.id ?? 0;
  const result = await tlsAttempt(hub, options);
  const record = await hub.waitForRecord((r) => r.id > before && r.endedAt !== null, 30_000);
  return { code: result.code, ok: result.ok, record };
}

const VERSIONS: { label: string; options: tls.ConnectionOptions }[] = [
  { label: 'TLS 1.2', options: { maxVersion: 'TLSv1.2' } },
  { label: 'TLS 1.3 AES-128-GCM', options: { minVersion: 'TLSv1.3', ciphers: 'TLS_AES_128_GCM_SHA256' } },
  { label: 'TLS 1.3 AES-256-GCM', options: { minVersion: 'TLSv1.3', ciphers: 'TLS_AES_256_GCM_SHA384' } },
  {
    label: 'TLS 1.3 ChaCha20-Poly1305',
    options: { minVersion: 'TLSv1.3', ciphers: 'TLS_CHACHA20_POLY1305_SHA256' },
  },
];

describe('client-cert-required over node:tls', () => {
  for (const version of VERSIONS) {
    const tls13 = version.label.startsWith('TLS 1.3');
    it(`${version.label}: registered certificate accepted; none, self-signed, unregistered CA, expired refused`, async () => {
      const creds = hub.deviceCertificates;
      const good = await attempt({
        ...version.options,
        key: creds.registered.keyPem,
        cert: creds.registered.certPem,
      });
      expect(good.ok).toBe(true);
      expect(good.record.clientCertificate).toMatchObject({
        subject: `CN=${creds.deviceId}`,
        verifyError: null,
      });
      expect(good.record.outcome).toBe('established');

      const none = await attempt(version.options);
      expect(none.code).toBe(
        tls13 ? 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' : 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
      );
      expect(none.record.handshake.alertSent).toEqual(
        tls13
          ? { name: 'certificate_required', code: 116, source: 'inferred' }
          : { name: 'handshake_failure', code: 40, source: 'wire' },
      );
      expect(none.record.outcome).toBe('server-alert');

      const cases = [
        ['selfSigned', 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'unknown_ca', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
        [
          'unregisteredCa',
          'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
          'unknown_ca',
          /^UNABLE_TO_(GET_ISSUER_CERT_LOCALLY|VERIFY_LEAF_SIGNATURE)$/,
        ],
        ['expired', 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED', 'certificate_expired', 'CERT_HAS_EXPIRED'],
      ] as const;
      for (const [which, code, alert, verifyError] of cases) {
        const result = await attempt({
          ...version.options,
          key: creds[which].keyPem,
          cert: creds[which].certPem,
        });
        expect(result.code, which).toBe(code);
        expect(result.record.handshake.alertSent, which).toMatchObject({ name: alert, source: 'hub' });
        expect(result.record.clientCertificate?.verifyError, which).toMatch(verifyError);
        expect(result.record.outcome, which).toBe('server-alert');
        expect(result.record.applicationBytesIn, which).toBe(0);
      }
    });
  }
});

describe('client-cert-required with other clients', () => {
  it('openssl s_client sees unknown_ca for a self-signed device certificate', async () => {
    const creds = hub.deviceCertificates.selfSigned;
    // -ign_eof: keep reading after stdin ends, so the TLS 1.3 alert (after s_client's Finished) arrives.
    const before = hub.records.at(-1)?.id ?? 0;
    const result = await sClient(hub, [
      '-cert',
      pemFile(creds.certPem),
      '-key',
      pemFile(creds.keyPem),
      '-ign_eof',
    ]);
    expect(result.output).toMatch(/alert unknown ca/);
    const record = await hub.waitForRecord((r) => r.id > before && r.endedAt !== null);
    expect(record.handshake.alertSent).toMatchObject({ name: 'unknown_ca', source: 'hub' });
  });

  it('MQTT X.509 login: the certificate CN must be the device id in the username', async () => {
    const creds = hub.deviceCertificates;
    const tlsOptions = { key: creds.registered.keyPem, cert: creds.registered.certPem };
    const ok = await mqttAttempt(hub, {
      clientId: creds.deviceId,
      username: `${hub.hostname}/${creds.deviceId}/?api-version=2021-04-12`,
      password: '',
      tls: tlsOptions,
    });
    expect(ok).toMatchObject({ connected: true, returnCode: 0 });
    const before = hub.records.at(-1)?.id ?? 0;
    const other = await mqttAttempt(hub, {
      clientId: 'someone-else',
      username: `${hub.hostname}/someone-else/?api-version=2021-04-12`,
      password: '',
      tls: tlsOptions,
    });
    expect(other).toMatchObject({ connected: false, returnCode: 5 });
    const record = await hub.waitForRecord(
      (r) => r.id > before && r.endpoint === 'mqtt' && r.endedAt !== null,
    );
    expect(record.mqtt).toMatchObject({ connackReturnCode: 5, refusal: expect.stringContaining('CN') });
    const refused = await mqttAttempt(hub, {
      tls: { key: creds.expired.keyPem, cert: creds.expired.certPem },
    });
    expect(refused.connected).toBe(false);
    expect(refused.message).toMatch(/certificate expired/);
  });
});
