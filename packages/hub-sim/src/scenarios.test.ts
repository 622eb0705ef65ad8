// Acceptance: every scenario, per cloud, with node:tls and with mqtt.js, checking both what the
// client observed and what the hub recorded.
import { afterAll, describe, expect, it } from 'vitest';
import { type Hub, type HubOptions, startHub } from './hub.js';
import type { ConnectionRecord } from './records.js';
import { SCENARIO_NAMES, SCENARIOS, type ScenarioInfo, type ScenarioName } from './scenarios.js';
import { mqttAttempt, sasLogin, tlsAttempt } from './testing/clients.js';
import { describeScenarioHubs, PROFILE_VARIANTS } from './testing/scenario-hubs.js';

/** node:tls error codes a correct device reports for each rejected chain. */
const NODE_TLS_ERROR: Partial<Record<ScenarioName, { code: string; message?: RegExp }>> = {
  'expired-leaf': { code: 'CERT_HAS_EXPIRED' },
  'not-yet-valid': { code: 'CERT_NOT_YET_VALID' },
  'wrong-host': { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
  'untrusted-root': { code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' },
  // OpenSSL's X509_V_ERR_CA_MD_TOO_WEAK (68) has no entry in Node's code table.
  'sha1-signed': { code: 'UNSPECIFIED', message: /CA signature digest algorithm too weak/ },
  'missing-intermediate': { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
  'tls10-only': { code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
  'weak-cipher-only': { code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' },
};

function ended(hub: Hub, endpoint: ConnectionRecord['endpoint'], after: number) {
  return hub.waitForRecord((r) => r.endpoint === endpoint && r.id > after && r.endedAt !== null, 30_000);
}

function lastId(hub: Hub): number {
  return hub.records.at(-1)?.id ?? 0;
}

/** Device-side TLS options a correct device needs for the scenario (client certificate). */
function deviceTls(hub: Hub, scenario: ScenarioName) {
  return scenario === 'client-cert-required'
    ? { key: hub.deviceCertificates.registered.keyPem, cert: hub.deviceCertificates.registered.certPem }
    : {};
}

function mqttLogin(hub: Hub, scenario: ScenarioName) {
  if (scenario === 'client-cert-required' && hub.api === 'azure') {
    const id = hub.deviceCertificates.deviceId;
    return { clientId: id, username: `${hub.hostname}/${id}/?api-version=2021-04-12`, password: '' };
  }
  return hub.api === 'azure' ? sasLogin(hub) : { clientId: 'thing-1', username: '', password: '' };
}

/** node:tls as a correct device: connects or is refused as the scenario says, and the hub records it. */
function nodeTlsAcceptance(getHub: () => Hub, scenario: ScenarioName, info: ScenarioInfo): void {
  it(`node:tls: a correct device ${info.expected.connects ? 'connects' : 'is refused'}, and the hub records it`, async () => {
    const hub = getHub();
    const before = lastId(hub);
    const attempt = await tlsAttempt(hub, deviceTls(hub, scenario));
    const record = await ended(hub, 'echo', before);
    expect(record.clientHello?.serverName).toBe(hub.hostname);
    expect(record.clientHello?.versions).toContain('TLSv1.3');
    expect(record.clientHelloPeek?.kind).toBe('client-hello');
    if (info.expected.connects) {
      expect(attempt).toMatchObject({ ok: true, echoed: 'hubtrust-probe' });
      expect(record.outcome).toBe('established');
      expect(record.handshake).toMatchObject({
        completed: true,
        stage: 'done',
        protocol: attempt.protocol,
      });
      expect(record.applicationBytesIn).toBe('hubtrust-probe'.length);
      return;
    }
    const expected = NODE_TLS_ERROR[scenario];
    expect(attempt.ok).toBe(false);
    expect(attempt.code).toBe(expected?.code);
    if (expected?.message) expect(attempt.message).toMatch(expected.message);
    const alert = info.expected.alert;
    if (alert?.sentBy === 'hub') {
      expect(record.outcome).toBe('server-alert');
      expect(record.handshake.alertSent).toMatchObject({ name: alert.name, source: 'wire' });
      expect(record.handshake.completed).toBe(false);
    } else {
      // node:tls checks the chain after the handshake messages and closes without an alert.
      expect(['client-closed', 'handshake-only']).toContain(record.outcome);
      expect(record.handshake.alertReceived).toBe(null);
      expect(record.handshake.stage).not.toBe('client-hello');
      expect(record.applicationBytesIn).toBe(0);
    }
  });
}

describeScenarioHubs('scenarios', (getHub, scenario, info) => {
  nodeTlsAcceptance(getHub, scenario, info);

  it(`mqtt.js: ${info.expected.connects ? 'CONNACK 0' : 'no MQTT session'}`, async () => {
    const hub = getHub();
    const before = lastId(hub);
    const attempt = await mqttAttempt(hub, {
      ...mqttLogin(hub, scenario),
      tls: deviceTls(hub, scenario),
    });
    const record = await ended(hub, 'mqtt', before);
    if (info.expected.connects) {
      expect(attempt).toMatchObject({ connected: true, returnCode: 0 });
      expect(record.mqtt).toMatchObject({ connackReturnCode: 0, protocolVersion: 4 });
      expect(record.mqtt?.auth).toBe(
        scenario === 'client-cert-required' ? 'x509' : hub.api === 'azure' ? 'sas' : 'none',
      );
      expect(record.outcome).toBe('established');
    } else {
      expect(attempt.connected).toBe(false);
      const alert = info.expected.alert;
      if (alert?.sentBy === 'hub') {
        // mqtt.js reports OpenSSL's alert as EPROTO with the alert in the message.
        expect(attempt.message).toContain(`alert ${alert.name.replace('_', ' ')}`);
      } else {
        expect(attempt.code).toBe(NODE_TLS_ERROR[scenario]?.code);
      }
      expect(record.mqtt).toBe(null);
      expect(record.outcome).not.toBe('established');
    }
  });
});

describeScenarioHubs('scenarios', nodeTlsAcceptance, PROFILE_VARIANTS);

describe('scenario details', () => {
  const hubs: Hub[] = [];
  const start = async (options: HubOptions) => {
    const hub = await startHub(options);
    hubs.push(hub);
    return hub;
  };
  afterAll(async () => {
    await Promise.all(hubs.map((h) => h.stop()));
  });

  it('the README documents every scenario in its table', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of SCENARIO_NAMES) {
      expect(readme, name).toMatch(
        new RegExp(`^\\| \`${name}\` +\\| ${SCENARIOS[name].clouds.join(', ')} +\\|`, 'm'),
      );
    }
  });

  it('legacy-baltimore needs the Baltimore root: a G2-only device gets unknown issuer', async () => {
    const hub = await start({ scenario: 'legacy-baltimore' });
    const g2Only = await tlsAttempt(hub, { ca: hub.roots['digicert-global-root-g2'] });
    expect(g2Only.code).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    const baltimoreOnly = await tlsAttempt(hub, { ca: hub.roots['baltimore-cybertrust-root'] });
    expect(baltimoreOnly.ok).toBe(true);
  });

  it('rotated-root verifies through the cross-certificate (G2 only) and under the new root alone', async () => {
    const hub = await start({ scenario: 'rotated-root' });
    expect((hub.chainPem.match(/BEGIN CERTIFICATE/g) ?? []).length).toBe(3);
    expect((await tlsAttempt(hub, { ca: hub.roots['digicert-global-root-g2'] })).ok).toBe(true);
    expect((await tlsAttempt(hub, { ca: hub.roots['microsoft-tls-rsa-root-g2'] })).ok).toBe(true);
    expect((await tlsAttempt(hub, { ca: hub.roots['baltimore-cybertrust-root'] })).code).toBe(
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    );
  });

  it('aws chains verify under each Starfield anchor through the cross-certificates', async () => {
    const hub = await start({ scenario: 'current', cloud: 'aws' });
    for (const root of ['amazon-root-ca-1', 'starfield-services-root-g2', 'starfield-class-2-ca']) {
      expect((await tlsAttempt(hub, { ca: hub.roots[root] })).ok, root).toBe(true);
    }
    expect((await tlsAttempt(hub, { ca: hub.roots['amazon-root-ca-3'] })).ok).toBe(false);
  });

  it('azure-china rotated-root: the DigiCert G2 move without a cross-certificate strands a Global-Root-CA-only device', async () => {
    const hub = await start({ scenario: 'rotated-root', cloud: 'azure-china', hubName: 'myhub' });
    expect(hub.hostname).toBe('myhub.azure-devices.cn');
    expect(hub.trustedSlugs).toEqual(['digicert-global-root-ca', 'digicert-global-root-g2']);
    expect(hub.profileChain).toMatchObject({ family: 'azure-china-iot-hub', period: 'move-to-digicert-g2' });
    expect((await tlsAttempt(hub, { ca: hub.roots['digicert-global-root-g2'] })).ok).toBe(true);
    expect((await tlsAttempt(hub, { ca: hub.roots['digicert-global-root-ca'] })).code).toBe(
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    );
  });

  it('azure-ecc serves a P-384 chain under DigiCert Global Root G3 that an RSA-only trust store rejects', async () => {
    const hub = await start({ scenario: 'current', cloud: 'azure-ecc' });
    expect(hub.keyType).toBe('ecdsa');
    expect(hub.hostname).toBe('hubtrust-test.azure-devices.net');
    const { X509Certificate } = await import('node:crypto');
    const [leaf, issuer] = hub.chainPem.split(/(?<=-----END CERTIFICATE-----\n)/);
    expect(new X509Certificate(leaf as string).publicKey.asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    expect(new X509Certificate(issuer as string).subject).toMatch(
      /CN=hubtrust TEST Microsoft Azure ECC TLS Issuing CA 03/,
    );
    expect((await tlsAttempt(hub, { ca: hub.roots['digicert-global-root-g3'] })).ok).toBe(true);
    expect((await tlsAttempt(hub, { ca: hub.roots['digicert-global-root-g2'] })).ok).toBe(false);
  });

  it('aws-legacy is the endpoint without -ats, under VeriSign Class 3 G5, RSA or ECDSA by key type', async () => {
    const rsa = await start({
      scenario: 'current',
      cloud: 'aws-legacy',
      endpointId: 'abc123',
      region: 'eu-west-1',
    });
    expect(rsa.hostname).toBe('abc123.iot.eu-west-1.amazonaws.com');
    expect(rsa.profileChain?.sent).toEqual(['symantec-class3-secure-server-ca-g4']);
    const ecdsa = await start({ scenario: 'current', cloud: 'aws-legacy', keyType: 'ecdsa' });
    expect(ecdsa.profileChain?.sent).toEqual(['symantec-class3-ecc-256-ssl-ca-g2']);
    for (const hub of [rsa, ecdsa]) {
      expect((await tlsAttempt(hub, { ca: hub.roots['verisign-class3-g5'] })).ok).toBe(true);
      expect((await tlsAttempt(hub, { ca: hub.roots['amazon-root-ca-1'] })).ok).toBe(false);
    }
  });

  it('refuses clouds and key types that do not exist, and scenarios a cloud does not have', async () => {
    await expect(startHub({ cloud: 'gcp' as 'aws' })).rejects.toThrow(/unknown cloud "gcp"/);
    await expect(startHub({ cloud: 'azure', keyType: 'ecdsa' })).rejects.toThrow(
      /serves rsa chains, not ecdsa/,
    );
    await expect(startHub({ cloud: 'azure-ecc', keyType: 'rsa' })).rejects.toThrow(TypeError);
    await expect(startHub({ cloud: 'azure-ecc', scenario: 'weak-cipher-only' })).rejects.toThrow(
      /exists only for azure, azure-china, aws, aws-legacy/,
    );
    await expect(startHub({ cloud: 'aws-legacy', scenario: 'legacy-baltimore' })).rejects.toThrow(
      /only for azure/,
    );
  });

  it('large-chain sends a Certificate message over 16 KiB, and devices reassemble it in TLS 1.2 and 1.3', async () => {
    const hub = await start({ scenario: 'large-chain' });
    expect(hub.certificateMessageBytes['TLSv1.2']).toBeGreaterThan(16 * 1024);
    expect(hub.certificateMessageBytes['TLSv1.3']).toBeGreaterThan(16 * 1024);
    expect((await tlsAttempt(hub, { maxVersion: 'TLSv1.2' })).protocol).toBe('TLSv1.2');
    const small = await start({ scenario: 'current' });
    expect(small.certificateMessageBytes['TLSv1.3']).toBeLessThan(8 * 1024);
  });

  it('tls10-only accepts a legacy device that enables TLS 1.0 at @SECLEVEL=0, and records it', async () => {
    const hub = await start({ scenario: 'tls10-only' });
    const before = lastId(hub);
    const legacy = await tlsAttempt(hub, {
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1',
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    expect(legacy).toMatchObject({ ok: true, protocol: 'TLSv1' });
    const record = await ended(hub, 'echo', before);
    expect(record.handshake.protocol).toBe('TLSv1');
    expect(record.clientHello?.versions).toEqual(['TLSv1']);
    // Without @SECLEVEL=0 OpenSSL 3 cannot sign the TLS 1.0 key exchange (MD5+SHA-1).
    const level1 = await tlsAttempt(hub, { minVersion: 'TLSv1', maxVersion: 'TLSv1' });
    expect(level1.ok).toBe(false);
  });

  it('tls12-only and tls13-only refuse the other version with protocol_version from the hub', async () => {
    const tls12 = await start({ scenario: 'tls12-only' });
    const before12 = lastId(tls12);
    expect((await tlsAttempt(tls12, { minVersion: 'TLSv1.3' })).code).toBe(
      'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    );
    expect((await ended(tls12, 'echo', before12)).handshake.alertSent?.name).toBe('protocol_version');
    const tls13 = await start({ scenario: 'tls13-only' });
    const before13 = lastId(tls13);
    expect((await tlsAttempt(tls13, { maxVersion: 'TLSv1.2' })).code).toBe(
      'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    );
    const record = await ended(tls13, 'echo', before13);
    expect(record).toMatchObject({
      outcome: 'server-alert',
      handshake: { alertSent: { name: 'protocol_version' } },
    });
    expect(record.clientHello?.versions).toEqual(['TLSv1.2']);
  });

  it('weak-cipher-only: a device offering the default node suites negotiates the weak suite (and the record shows it)', async () => {
    const hub = await start({ scenario: 'weak-cipher-only' });
    const before = lastId(hub);
    const lax = await tlsAttempt(hub, { ciphers: 'DEFAULT' });
    expect(lax.ok).toBe(true);
    const record = await ended(hub, 'echo', before);
    expect(record.handshake.cipher).toMatch(/^TLS_RSA_WITH_AES_(128|256)_CBC_SHA$/);
    expect(record.clientHello?.cipherSuites).toContain('TLS_RSA_WITH_AES_128_CBC_SHA');
  });

  it('HTTPS serves IoT Hub device-to-cloud messages with SAS authentication', async () => {
    const hub = await start({ scenario: 'current' });
    const post = (authorization: string) =>
      fetchOverTls(
        hub,
        'POST',
        `/devices/${hub.devices[0]?.deviceId}/messages/events?api-version=2021-04-12`,
        authorization,
      );
    expect(await post(sasLogin(hub).password)).toBe(204);
    expect(await post('SharedAccessSignature sr=x&sig=y&se=1')).toBe(401);
    const record = await hub.waitForRecord(
      (r) => r.endpoint === 'https' && (r.http?.requests.length ?? 0) === 2,
    );
    expect(record.http?.requests.map((r) => r.status)).toEqual([204, 401]);
    expect(record.outcome).toBe('established');
  });
});

/** One HTTP/1.1 request over a TLS socket (keep-alive), returning the status code. */
const agents = new Map<Hub, import('node:tls').TLSSocket>();
async function fetchOverTls(hub: Hub, method: string, path: string, authorization: string): Promise<number> {
  const tls = await import('node:tls');
  let socket = agents.get(hub);
  if (!socket) {
    socket = tls.connect({ host: hub.host, port: hub.ports.https, servername: hub.hostname, ca: hub.caPem });
    agents.set(hub, socket);
    await new Promise((resolve, reject) => {
      socket?.once('secureConnect', resolve);
      socket?.once('error', reject);
    });
  }
  const s = socket;
  return new Promise((resolve) => {
    s.once('data', (data: Buffer) => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data.toString())?.[1])));
    s.write(
      `${method} ${path} HTTP/1.1\r\nHost: ${hub.hostname}\r\nAuthorization: ${authorization}\r\nContent-Length: 2\r\n\r\n{}`,
    );
  });
}
