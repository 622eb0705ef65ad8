import { readdirSync, readFileSync } from 'node:fs';
import { init, pemToDer } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import { RECORDS, SNAPSHOT_DATE } from './catalog.generated.js';
import { checkCatalog } from './catalog-check.js';
import type { CatalogRecord } from './catalog-types.js';

beforeAll(async () => {
  await init();
});

const dataDir = new URL('../data/', import.meta.url);

/** A deep copy of the generated records with one record changed. */
function tampered(slug: string, change: (r: CatalogRecord) => void): CatalogRecord[] {
  const copy = structuredClone(RECORDS) as CatalogRecord[];
  const r = copy.find((x) => x.slug === slug);
  if (!r) throw new Error(`no ${slug}`);
  change(r);
  return copy;
}

function flipByte(b64: string, fromEnd: number): string {
  const der = Buffer.from(b64, 'base64');
  const i = der.length - fromEnd;
  der[i] = (der[i] as number) ^ 0x01;
  return der.toString('base64');
}

const fields = (problems: ReturnType<typeof checkCatalog>) => problems.map((p) => `${p.slug}:${p.field}`);

describe('checkCatalog on the generated catalog', () => {
  it('finds every fact consistent with the certificates (64 certificates, every claimed link)', () => {
    const t0 = performance.now();
    const problems = checkCatalog();
    const ms = performance.now() - t0;
    // Timing is printed, never asserted (shared 2-core machine); README states the figure.
    console.log(`checkCatalog: ${RECORDS.length} certificates in ${ms.toFixed(0)} ms`);
    expect(problems).toEqual([]);
    expect(RECORDS).toHaveLength(64);
  });
});

describe('checkCatalog fails on a tampered copy, naming slug and field', () => {
  const cases: [string, string, (r: CatalogRecord) => void, string[]][] = [
    [
      'a changed SHA-256',
      'isrg-root-x1',
      (r) => {
        r.sha256 = r.sha256.replace(/^./, '0');
      },
      ['isrg-root-x1:sha256'],
    ],
    [
      'a changed SHA-1',
      'baltimore-cybertrust-root',
      (r) => {
        r.sha1 = 'd4de20d05e66fc53fe1a50882c78db2852cae475';
      },
      ['baltimore-cybertrust-root:sha1'],
    ],
    [
      'a changed SPKI hash',
      'amazon-root-ca-3',
      (r) => {
        r.spkiSha256 = '00'.repeat(32);
      },
      ['amazon-root-ca-3:spkiSha256'],
    ],
    [
      'a later notAfter',
      'baltimore-cybertrust-root',
      (r) => {
        r.notAfter = '2035-05-12T23:59:00Z';
      },
      ['baltimore-cybertrust-root:notAfter'],
    ],
    [
      'a changed notBefore',
      'digicert-global-root-g2',
      (r) => {
        r.notBefore = '2013-08-01T12:00:01Z';
      },
      ['digicert-global-root-g2:notBefore'],
    ],
    [
      'a wrong key size',
      'microsoft-rsa-root-ca-2017',
      (r) => {
        r.key = { type: 'RSA', bits: 2048 };
      },
      ['microsoft-rsa-root-ca-2017:key.bits'],
    ],
    [
      'a wrong curve',
      'digicert-global-root-g3',
      (r) => {
        r.key = { type: 'EC', bits: 384, curve: 'P-256' };
      },
      ['digicert-global-root-g3:key.curve'],
    ],
    [
      'a wrong subject',
      'gts-root-r1',
      (r) => {
        r.subject = 'CN=GTS Root R2,O=Google Trust Services LLC,C=US';
      },
      ['gts-root-r1:subject'],
    ],
    [
      'a wrong serial',
      'isrg-root-x2',
      (r) => {
        r.serial = '01';
      },
      ['isrg-root-x2:serial'],
    ],
    [
      'a wrong kind',
      'microsoft-it-tls-ca-1',
      (r) => {
        r.kind = 'root';
      },
      ['microsoft-it-tls-ca-1:kind'],
    ],
    [
      'a wrong signature algorithm',
      'amazon-root-ca-1',
      (r) => {
        r.signatureAlgorithm = 'sha384WithRSAEncryption';
      },
      ['amazon-root-ca-1:signatureAlgorithm'],
    ],
    [
      'a claimed issuer that did not issue it',
      'microsoft-it-tls-ca-1',
      (r) => {
        r.chainsTo = ['digicert-global-root-g2'];
      },
      ['microsoft-it-tls-ca-1:chainsTo'],
    ],
    [
      'a claimed issuer with the right name but another key (the cross-signed twin)',
      'microsoft-tls-g2-rsa-ca-ocsp-02',
      (r) => {
        r.chainsTo = ['digicert-global-root-g2'];
      },
      ['microsoft-tls-g2-rsa-ca-ocsp-02:chainsTo'],
    ],
    [
      'an unknown issuer slug',
      'amazon-server-ca-1b',
      (r) => {
        r.chainsTo = ['amazon-root-ca-9'];
      },
      ['amazon-server-ca-1b:chainsTo'],
    ],
    [
      'a wrong same-key twin',
      'microsoft-tls-rsa-root-g2',
      (r) => {
        r.sameKeyAs = ['digicert-global-root-g2'];
      },
      ['microsoft-tls-rsa-root-g2:sameKeyAs'],
    ],
    [
      'a root claimed not self-signed',
      'gts-ltsr',
      (r) => {
        r.selfSigned = false;
      },
      ['gts-ltsr:selfSigned'],
    ],
    [
      'base64 that is not base64',
      'isrg-root-x1',
      (r) => {
        r.derBase64 = '!!!';
      },
      ['isrg-root-x1:der'],
    ],
    [
      'DER that does not decode',
      'isrg-root-x1',
      (r) => {
        r.derBase64 = 'MAMCAQA=';
      },
      ['isrg-root-x1:der'],
    ],
  ];
  for (const [what, slug, change, expected] of cases) {
    it(`reports ${what}`, () => {
      const got = fields(checkCatalog(tampered(slug, change)));
      for (const e of expected) expect(got).toContain(e);
      // nothing else in the catalog is blamed, except records whose claimed path runs through a
      // certificate whose bytes were destroyed
      expect(
        got.every(
          (g) => g.startsWith(`${slug}:`) || g.endsWith(':chainsTo') || g.endsWith(':alternativePath'),
        ),
      ).toBe(true);
    });
  }

  it('reports a flipped signature byte as a fingerprint change and a failed issuer signature', () => {
    const got = fields(
      checkCatalog(
        tampered('amazon-server-ca-1b', (r) => {
          r.derBase64 = flipByte(r.derBase64, 3);
        }),
      ),
    );
    expect(got).toEqual(
      expect.arrayContaining([
        'amazon-server-ca-1b:sha256',
        'amazon-server-ca-1b:sha1',
        'amazon-server-ca-1b:chainsTo',
      ]),
    );
  });

  it('reports a flipped root signature byte on the root and on every certificate that claims it', () => {
    const problems = checkCatalog(
      tampered('baltimore-cybertrust-root', (r) => {
        r.derBase64 = flipByte(r.derBase64, 3);
      }),
    );
    const got = fields(problems);
    expect(got).toContain('baltimore-cybertrust-root:selfSigned');
    expect(got).toContain('baltimore-cybertrust-root:sha256');
    // the key is intact, so the intermediates it signed still verify
    expect(got).not.toContain('microsoft-it-tls-ca-1:chainsTo');
  });
});

describe('the generated module is current with data/', () => {
  const json = JSON.parse(readFileSync(new URL('catalog.json', dataDir), 'utf8')) as {
    generated: string;
    certificates: {
      slug: string;
      role: string;
      sha256_der: string;
      sha1_der: string;
      not_after: string;
      chains_to: string[];
    }[];
  };

  it('has the snapshot date and the slugs of data/catalog.json, in order', () => {
    expect(SNAPSHOT_DATE).toBe(json.generated);
    expect(RECORDS.map((r) => r.slug)).toEqual(json.certificates.map((c) => c.slug));
  });

  it('embeds exactly the DER of data/certs/<slug>.pem and the catalog facts', () => {
    const pems = readdirSync(new URL('certs/', dataDir)).filter((f) => f.endsWith('.pem'));
    expect(pems.sort()).toEqual(RECORDS.map((r) => `${r.slug}.pem`).sort());
    for (const c of json.certificates) {
      const r = RECORDS.find((x) => x.slug === c.slug) as CatalogRecord;
      const der = pemToDer(readFileSync(new URL(`certs/${c.slug}.pem`, dataDir), 'utf8'));
      expect(Buffer.from(r.derBase64, 'base64').equals(Buffer.from(der)), c.slug).toBe(true);
      expect([r.kind, r.sha256, r.sha1, r.notAfter, r.chainsTo]).toEqual([
        c.role,
        c.sha256_der.toLowerCase(),
        c.sha1_der.toLowerCase(),
        c.not_after,
        c.chains_to,
      ]);
    }
  });
});

describe('browser safety', () => {
  it('nothing the browser entry (index.ts) reaches imports a Node built-in', () => {
    // Walk the relative imports from index.ts; the Node-only entry (node.ts, exported as
    // `@hubtrust/roots/node`) is allowed its built-ins but must not be reachable from here.
    const src = new URL('./', import.meta.url);
    const seen = new Set<string>();
    const queue = ['index.ts'];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(new URL(file, src), 'utf8');
      expect(text, file).not.toMatch(/from\s+['"](node:|fs['"]|path['"]|crypto['"])/);
      expect(text, file).not.toMatch(/\bprocess\.|\brequire\(/);
      for (const m of text.matchAll(/from\s+'(\.[^']+)\.js'/g)) {
        const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
        const target = new URL(`${m[1]}.ts`, new URL(dir, src)).pathname.slice(new URL(src).pathname.length);
        queue.push(target);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(seen.has('node.ts')).toBe(false);
  });
});
