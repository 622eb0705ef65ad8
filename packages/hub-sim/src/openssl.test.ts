// Acceptance: Debian's `openssl s_client -verify_return_error` accepts the valid scenarios'
// chains against the simulated roots and rejects the broken ones for the documented reason.
import { afterAll, describe, expect, it } from 'vitest';
import { type Hub, startHub } from './hub.js';
import type { ScenarioInfo, ScenarioName } from './scenarios.js';
import { pemFile, sClient } from './testing/clients.js';
import { describeScenarioHubs, PROFILE_VARIANTS } from './testing/scenario-hubs.js';

/** Extra s_client arguments a scenario needs to reach the certificate check at all. */
function extraArgs(hub: Hub, scenario: string): string[] {
  if (scenario === 'tls10-only') return ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'];
  if (scenario === 'client-cert-required') {
    return [
      '-cert',
      pemFile(hub.deviceCertificates.registered.certPem),
      '-key',
      pemFile(hub.deviceCertificates.registered.keyPem),
    ];
  }
  return [];
}

function opensslAcceptance(getHub: () => Hub, scenario: ScenarioName, info: ScenarioInfo): void {
  const expected = info.expected.opensslVerifyError;
  it(expected ? `rejects the chain: "${expected}"` : 'accepts the chain', async () => {
    const hub = getHub();
    const before = hub.records.at(-1)?.id ?? 0;
    const result = await sClient(hub, extraArgs(hub, scenario));
    const record = await hub.waitForRecord((r) => r.id > before && r.endedAt !== null, 30_000);
    if (!expected) {
      expect(result.verify, result.output).toBe('0 (ok)');
      expect(record.handshake.completed).toBe(true);
      return;
    }
    expect(result.verify).toMatch(new RegExp(`^\\d+ \\(${expected}\\)$`));
    expect(result.exitCode).not.toBe(0);
    // OpenSSL, unlike node:tls, tells the hub why: the alert is in the record.
    expect(record.outcome).toBe('client-alert');
    expect(record.handshake.alertReceived?.name).toBe(info.expected.alert?.name);
  });
}

describeScenarioHubs('openssl s_client', opensslAcceptance);
describeScenarioHubs('openssl s_client', opensslAcceptance, PROFILE_VARIANTS, ['current', 'untrusted-root']);

describe('openssl s_client against the protocol scenarios', () => {
  const hubs: Hub[] = [];
  afterAll(async () => {
    await Promise.all(hubs.map((h) => h.stop()));
  });

  it('tls10-only: openssl refuses the TLS 1.0 MD5+SHA-1 signature at its default level; TLS 1.2+ gets protocol_version', async () => {
    const hub = await startHub({ scenario: 'tls10-only' });
    hubs.push(hub);
    const defaults = await sClient(hub);
    expect(defaults.output).toMatch(/legacy sigalg disallowed or unsupported/);
    const first = await hub.waitForRecord((r) => r.endedAt !== null);
    expect(first).toMatchObject({ outcome: 'client-alert', handshake: { protocol: 'TLSv1' } });
    const modern = await sClient(hub, ['-no_tls1', '-no_tls1_1']);
    expect(modern.output).toMatch(/alert protocol version/);
    const second = await hub.waitForRecord((r) => r.id > first.id && r.endedAt !== null);
    expect(second.handshake.alertSent).toMatchObject({ name: 'protocol_version', source: 'wire' });
  });

  it('weak-cipher-only: openssl offering only ECDHE-AESGCM gets handshake_failure', async () => {
    const hub = await startHub({ scenario: 'weak-cipher-only' });
    hubs.push(hub);
    const result = await sClient(hub, ['-cipher', 'ECDHE+AESGCM', '-tls1_2']);
    expect(result.output).toMatch(/alert handshake failure/);
    const record = await hub.waitForRecord((r) => r.endedAt !== null);
    expect(record).toMatchObject({
      outcome: 'server-alert',
      handshake: { alertSent: { name: 'handshake_failure' } },
    });
    expect(record.handshake.error).toMatch(/no shared cipher/);
  });

  it('rotated-root: openssl trusting only the new self-signed root also accepts', async () => {
    const hub = await startHub({ scenario: 'rotated-root' });
    hubs.push(hub);
    const result = await sClient(hub, [], hub.roots['microsoft-tls-rsa-root-g2']);
    expect(result.verify).toBe('0 (ok)');
  });
});
