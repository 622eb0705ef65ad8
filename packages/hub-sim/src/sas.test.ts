import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSasToken, verifySasToken } from './sas.js';

const key = Buffer.from('device-key-for-tests-0123456789ab').toString('base64');
const resourceUri = 'myhub.azure-devices.net/devices/sensor-1';
const now = new Date('2026-01-01T00:00:00Z');
const expiresAt = new Date('2026-01-01T01:00:00Z');

describe('SAS tokens', () => {
  it('matches an independently computed HMAC-SHA256 signature', () => {
    const token = createSasToken({ resourceUri, key, expiresAt });
    const se = Math.floor(expiresAt.getTime() / 1000);
    const sr = encodeURIComponent(resourceUri);
    const sig = createHmac('sha256', Buffer.from(key, 'base64')).update(`${sr}\n${se}`).digest('base64');
    expect(token).toBe(`SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${se}`);
    expect(verifySasToken(token, { resourceUri, key, now })).toEqual({ ok: true });
  });

  it('refuses wrong keys, other devices, expired and malformed tokens with a reason', () => {
    const token = createSasToken({ resourceUri, key, expiresAt, policyName: 'device' });
    const otherKey = Buffer.from('another-key').toString('base64');
    expect(verifySasToken(token, { resourceUri, key: otherKey, now })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifySasToken(token, { resourceUri: `${resourceUri}x`, key, now })).toMatchObject({
      reason: 'wrong-resource',
    });
    expect(verifySasToken(token, { resourceUri, key, now: expiresAt })).toMatchObject({ reason: 'expired' });
    for (const bad of [
      '',
      'SharedAccessSignature ',
      'SharedAccessSignature sr=a&sr=b&sig=x&se=1',
      'Bearer x',
    ]) {
      expect(verifySasToken(bad, { resourceUri, key, now })).toMatchObject({ reason: 'malformed' });
    }
  });
});
