import { getCertificate } from '@hubtrust/roots';
import { init } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  catalogCandidates,
  checkProfile,
  type ProbeChain,
  setAdvice,
  suggestRoots,
} from './suggest-roots.js';

// Real certificates from @hubtrust/roots' catalog: the *.azure-devices.net leaf captured in 2016
// and the intermediate it was sent with (Baltimore CyberTrust Root → Microsoft IT SSL SHA2 → leaf).
let chain2016: ProbeChain;
beforeAll(async () => {
  await init();
  chain2016 = {
    leaf: getCertificate('leaf-azure-devices-net-2015').der,
    intermediates: [getCertificate('microsoft-it-ssl-sha2').der],
    hostname: 'myhub.azure-devices.net',
    at: new Date('2016-06-01T00:00:00Z'),
  };
});

describe('what to add to a bundle', () => {
  it("a 2016 IoT Hub chain and a device with only DigiCert Global Root G2: the catalog's Baltimore fixes it", () => {
    const bundle = [getCertificate('digicert-global-root-g2').der];
    expect(checkProfile('mbedtls-2.28', chain2016, bundle)).toMatchObject({
      ok: false,
      code: 'UNKNOWN_ISSUER',
    });
    const add = suggestRoots('mbedtls-2.28', chain2016, bundle, catalogCandidates());
    expect(add.map((c) => c.slug)).toEqual(['baltimore-cybertrust-root']);
    expect(checkProfile('mbedtls-2.28', chain2016, [...bundle, ...add.map((c) => c.der)]).ok).toBe(true);
    // Nothing to add when the bundle already has it; a wrong host is not fixed by any root.
    const baltimore = [getCertificate('baltimore-cybertrust-root').der];
    expect(suggestRoots('mbedtls-2.28', chain2016, baltimore, catalogCandidates())).toEqual([]);
    const wrongHost = { ...chain2016, hostname: 'example.com' };
    expect(checkProfile('mbedtls-2.28', wrongHost, baltimore)).toMatchObject({ code: 'NAME_MISMATCH' });
    expect(suggestRoots('mbedtls-2.28', wrongHost, bundle, catalogCandidates())).toEqual([]);
  });

  it("the host's recommended sets, and whether they fix the chain (today's sets do not anchor 2016's)", () => {
    const sets = setAdvice(chain2016, [getCertificate('digicert-global-root-g2').der], ['mbedtls-2.28']);
    expect(sets.map((s) => s.id)).toEqual(['azure-rsa', 'azure-all']);
    expect(sets[0]).toMatchObject({ missing: ['microsoft-rsa-root-ca-2017'], fixes: [] });
    expect(setAdvice({ ...chain2016, hostname: 'broker.example.org' }, [], ['strict'])).toEqual([]);
  });

  it('a no-clock profile predicts; an expired chain is accepted by it, refused by its clocked sibling', () => {
    const bundle = [getCertificate('baltimore-cybertrust-root').der];
    const late = { ...chain2016, at: new Date('2030-01-01T00:00:00Z') };
    expect(checkProfile('mbedtls-2.28', late, bundle)).toMatchObject({ ok: false, code: 'EXPIRED' });
    const p = checkProfile('mbedtls-2.28-no-clock', late, bundle);
    expect(p.ok).toBe(true);
    expect(p.notes?.[0]).toContain('no trusted clock');
  });
});
