// The cloud profiles as data: every endpoint family a device talks to and the chains it served
// over time, each link marked documented or inferred, each statement with its sources
// (src/profile-sources.ts). Certificates the catalog does not hold are modelled from the
// documentation (MODELLED_CERTIFICATES, always inferred). src/profiles.test.ts checks all of it
// against the catalog with @hubtrust/verify: every slug exists, every link between catalog
// certificates verifies at a date inside its period, periods are ordered and do not overlap.
//
// Reading guide: a period lists every chain an endpoint may present while it lasts (hubs,
// regions and connections differ; a migration window lists old and new). A certificate of a
// chain is only served while it is valid, so one chain with several issuing-CA alternatives
// covers a rotation among them. After a family's last `to` the profile makes no claim.
import type {
  ChainLink,
  EndpointFamily,
  Evidence,
  LeafSpec,
  ModelledCertificate,
  ServedChain,
} from './profile-types.js';

// ---------------------------------------------------------------------------------------------
// Modelled certificates (not in the catalog)
// ---------------------------------------------------------------------------------------------

const rsa2048 = { type: 'RSA', bits: 2048 } as const;
const ecP256 = { type: 'EC', bits: 256, curve: 'P-256' } as const;
const ecP384 = { type: 'EC', bits: 384, curve: 'P-384' } as const;

function numbered(
  prefix: string,
  cn: string,
  numbers: string[],
  base: Omit<ModelledCertificate, 'id' | 'subjectCn'>,
) {
  return numbers.map((n) => ({ ...base, id: `${prefix}${n}`, subjectCn: `${cn}${n}` }));
}

/** Certificates the profiles need that no reachable source had as PEM (data/roots-data.md, "Not found"). */
export const MODELLED_CERTIFICATES: readonly ModelledCertificate[] = [
  // Azure
  ...numbered(
    'microsoft-azure-ecc-tls-issuing-ca-',
    'Microsoft Azure ECC TLS Issuing CA ',
    ['01', '02', '05', '06'],
    {
      issuer: 'digicert-global-root-g3',
      kind: 'intermediate',
      key: ecP384,
      notBefore: '2020-07-29',
      notAfter: '2024-06-27',
      sources: ['AZ_CADET'],
      note: 'DigiCert-G3-signed ECC twins of the RSA Azure TLS Issuing CA 01/02/05/06; end date = removal from the Azure CA list (2024-06-27); start date assumed equal to the RSA twins',
    },
  ),
  {
    id: 'azure-china-tls-issuing-ca',
    subjectCn: 'Azure China (21Vianet) TLS issuing CA under DigiCert Global Root CA (name not documented)',
    issuer: 'digicert-global-root-ca',
    kind: 'intermediate',
    key: rsa2048,
    sources: ['AZ_SDKC'],
    note: 'the C SDK names only the root for portal.azure.cn; the issuing CA is a placeholder',
  },
  {
    id: 'azure-china-g2-tls-issuing-ca',
    subjectCn: 'Azure China (21Vianet) TLS issuing CA under DigiCert Global Root G2 (name not documented)',
    issuer: 'digicert-global-root-g2',
    kind: 'intermediate',
    key: rsa2048,
    sources: ['AZ_PG'],
    note: 'Microsoft documents the China move to DigiCert Global Root G2 for PostgreSQL only; assumed for IoT Hub',
  },
  // AWS
  {
    id: 'amazon-root-ca-1-by-starfield-g2',
    subjectCn: 'Amazon Root CA 1',
    issuer: 'starfield-services-root-g2',
    kind: 'intermediate',
    key: rsa2048,
    notBefore: '2015-05-25',
    notAfter: '2037-12-31',
    sameKeyAs: 'amazon-root-ca-1',
    sources: ['AWS_SA', 'AWS_ACM'],
    note: 'the Starfield cross-certificate of Amazon Root CA 1 that ATS endpoints send; dates are those Amazon publishes for the cross-certificate (not in a stored document)',
  },
  {
    id: 'amazon-root-ca-3-by-starfield-g2',
    subjectCn: 'Amazon Root CA 3',
    issuer: 'starfield-services-root-g2',
    kind: 'intermediate',
    key: ecP256,
    notBefore: '2015-05-25',
    notAfter: '2037-12-31',
    sameKeyAs: 'amazon-root-ca-3',
    sources: ['AWS_SA', 'AWS_ACM'],
    note: 'the Starfield cross-certificate of Amazon Root CA 3 (ACM: Amazon Root CAs 1 to 4 are cross-signed by Starfield Services Root G2); dates assumed equal to Root CA 1’s',
  },
  {
    id: 'amazon-server-ca-3b',
    subjectCn: 'Amazon (OU=Server CA 3B)',
    issuer: 'amazon-root-ca-3',
    kind: 'intermediate',
    key: ecP256,
    notBefore: '2015-10-22',
    notAfter: '2025-10-19',
    sources: ['AWS_SA'],
    note: 'the ECC counterpart of Amazon Server CA 1B; dates assumed equal to 1B’s',
  },
  ...numbered('amazon-rsa-2048-m', 'Amazon RSA 2048 M', ['01', '02', '03', '04'], {
    issuer: 'amazon-root-ca-1',
    kind: 'intermediate',
    key: rsa2048,
    notBefore: '2022-08-23',
    notAfter: '2030-08-23',
    sources: ['AWS_ACM', 'AWS_SA'],
    note: 'current ATS RSA issuing CAs, picked at random per certificate (ACM); dates as Amazon publishes them (not in a stored document)',
  }),
  ...numbered('amazon-ecdsa-256-m', 'Amazon ECDSA 256 M', ['01', '02', '03', '04'], {
    issuer: 'amazon-root-ca-3',
    kind: 'intermediate',
    key: ecP256,
    notBefore: '2022-08-23',
    notAfter: '2030-08-23',
    sources: ['AWS_ACM', 'AWS_SA'],
    note: 'current ATS ECDSA P-256 issuing CAs; dates assumed equal to the RSA ones',
  }),
  {
    id: 'symantec-class3-secure-server-ca-g4',
    subjectCn: 'Symantec Class 3 Secure Server CA - G4',
    issuer: 'verisign-class3-g5',
    kind: 'intermediate',
    key: rsa2048,
    notBefore: '2013-10-31',
    notAfter: '2023-10-30',
    sources: ['AWS_SA', 'AWS_BLOG_SYM'],
    note: 'RSA issuing CA of the legacy VeriSign-rooted endpoints; AWS says it expires on 31 October 2023',
  },
  {
    id: 'aws-iot-legacy-renewed-ica',
    subjectCn: 'renewed legacy iot:Data issuing CA under VeriSign Class 3 G5 (name not documented)',
    issuer: 'verisign-class3-g5',
    kind: 'intermediate',
    key: rsa2048,
    notBefore: '2023-10-01',
    sources: ['AWS_BLOG_SYM'],
    note: 'AWS renewed the expiring Symantec server intermediate; its name and dates are not documented',
  },
  {
    id: 'digicert-baltimore-ca-2-g2',
    subjectCn: 'DigiCert Baltimore CA-2 G2',
    issuer: 'baltimore-cybertrust-root',
    kind: 'intermediate',
    key: rsa2048,
    notBefore: '2015-12-08',
    notAfter: '2025-05-10',
    sources: ['AWS_SDK_S3', 'AWS_S3_CF_MIG'],
    note: 'the DigiCert issuing CA of S3 default certificates before Amazon Trust Services; only the Baltimore root is evidenced (SDK demo), the name and dates are from the certificate as published by DigiCert',
  },
  // Let's Encrypt
  {
    id: 'dst-root-ca-x3',
    subjectCn: 'DST Root CA X3',
    issuer: 'dst-root-ca-x3',
    kind: 'root',
    key: rsa2048,
    notBefore: '2000-09-30',
    notAfter: '2021-09-30',
    sources: ['LE_CHAIN_2021'],
    note: 'IdenTrust root that cross-signed ISRG Root X1 and R3; expired 2021-09-30',
  },
  {
    id: 'isrg-root-x1-by-dst-root-ca-x3',
    subjectCn: 'ISRG Root X1',
    issuer: 'dst-root-ca-x3',
    kind: 'intermediate',
    key: { type: 'RSA', bits: 4096 },
    notBefore: '2021-01-20',
    notAfter: '2024-09-30',
    sameKeyAs: 'isrg-root-x1',
    sources: ['LE_CHAIN_2021', 'LE_2024_CHAINS'],
    note: 'the long-chain cross-certificate old Android devices needed; no longer served from 2024-06-06',
  },
  {
    id: 'isrg-root-x2-by-x1',
    subjectCn: 'ISRG Root X2',
    issuer: 'isrg-root-x1',
    kind: 'intermediate',
    key: ecP384,
    notBefore: '2020-09-04',
    notAfter: '2025-09-15',
    sameKeyAs: 'isrg-root-x2',
    sources: ['LE_CHAIN_2021'],
    note: 'ISRG Root X1’s cross-certificate of ISRG Root X2, sent with E1 chains',
  },
  {
    id: 'lets-encrypt-r3',
    subjectCn: 'R3',
    issuer: 'isrg-root-x1',
    kind: 'intermediate',
    key: rsa2048,
    notBefore: '2020-09-04',
    notAfter: '2025-09-15',
    sources: ['LE_CHAIN_2021'],
    note: 'RSA issuing CA 2020-12 … 2024-06',
  },
  {
    id: 'lets-encrypt-e1',
    subjectCn: 'E1',
    issuer: 'isrg-root-x2',
    kind: 'intermediate',
    key: ecP384,
    notBefore: '2020-09-04',
    notAfter: '2025-09-15',
    sources: ['LE_CHAIN_2021'],
    note: 'ECDSA issuing CA 2020 … 2024-06',
  },
  ...numbered('lets-encrypt-r', 'R', ['10', '11'], {
    issuer: 'isrg-root-x1',
    kind: 'intermediate',
    key: rsa2048,
    notBefore: '2024-03-13',
    notAfter: '2027-03-12',
    sources: ['LE_2024_INTERMEDIATES', 'LE_2024_CHAINS'],
    note: 'RSA issuing CAs in use from 2024-06-06 (R12–R14 are held in reserve)',
  }),
  ...numbered('lets-encrypt-e', 'E', ['5', '6'], {
    issuer: 'isrg-root-x2',
    kind: 'intermediate',
    key: ecP384,
    notBefore: '2024-03-13',
    notAfter: '2027-03-12',
    sources: ['LE_2024_INTERMEDIATES'],
    note: 'ECDSA issuing CAs under ISRG Root X2 (the alternate chain)',
  }),
  ...['5', '6'].map(
    (n): ModelledCertificate => ({
      id: `lets-encrypt-e${n}-by-x1`,
      subjectCn: `E${n}`,
      issuer: 'isrg-root-x1',
      kind: 'intermediate',
      key: ecP384,
      notBefore: '2024-03-13',
      notAfter: '2027-03-12',
      sources: ['LE_2024_INTERMEDIATES', 'LE_2024_CHAINS'],
      note: `ISRG Root X1’s cross-certificate of E${n}: the default ECDSA chain from 2024-06-06`,
    }),
  ),
];

const MODELLED_IDS: ReadonlySet<string> = new Set(MODELLED_CERTIFICATES.map((m) => m.id));

// ---------------------------------------------------------------------------------------------
// Chain builder
// ---------------------------------------------------------------------------------------------

/** Evidence of one link, in chain order: leaf → issuers, issuers → above[0], …, last → root. */
type LinkSpec = [Evidence, string[], string?];

function chain(spec: {
  id: string;
  label: string;
  leaf: LeafSpec;
  issuers: string[];
  above?: string[];
  root: string;
  links: LinkSpec[];
  note?: string;
}): ServedChain {
  const above = spec.above ?? [];
  const path = [...above, spec.root];
  if (spec.links.length !== path.length + 1) {
    throw new Error(`profile chain ${spec.id}: ${spec.links.length} link specs for ${path.length + 1} links`);
  }
  const links: ChainLink[] = [];
  const push = (subject: string, issuer: string, [stated, sources, stateNote]: LinkSpec) => {
    // A link that needs a modelled certificate is inferred, whatever the documents state.
    const modelled = MODELLED_IDS.has(subject) || MODELLED_IDS.has(issuer);
    const evidence: Evidence = modelled ? 'inferred' : stated;
    const note =
      modelled && stated === 'documented'
        ? `documented, but modelled: no copy of the certificate${stateNote ? `; ${stateNote}` : ''}`
        : stateNote;
    links.push(note ? { subject, issuer, evidence, sources, note } : { subject, issuer, evidence, sources });
  };
  const [first, ...rest] = spec.links as [LinkSpec, ...LinkSpec[]];
  for (const i of spec.issuers) push('leaf', i, first);
  for (const i of spec.issuers) push(i, path[0] as string, rest[0] as LinkSpec);
  for (let k = 1; k < path.length; k++) push(path[k - 1] as string, path[k] as string, rest[k] as LinkSpec);
  const out: ServedChain = {
    id: spec.id,
    label: spec.label,
    leaf: spec.leaf,
    issuers: spec.issuers,
    above,
    root: spec.root,
    links,
  };
  if (spec.note) out.note = spec.note;
  return out;
}

const CERT: [Evidence, string[]] = ['documented', ['CATALOG']];

// ---------------------------------------------------------------------------------------------
// Azure global: IoT Hub and DPS (RSA)
// ---------------------------------------------------------------------------------------------

const azureLeaf = (pattern: string): LeafSpec => ({ pattern, key: { type: 'RSA', bits: 2048 } });

const azureRsaChains = (pattern: string, inferredFor: string) => ({
  msitTls: chain({
    id: 'baltimore-microsoft-it-tls',
    label: 'Baltimore CyberTrust Root → Microsoft IT TLS CA 1/2/4/5',
    leaf: azureLeaf(pattern),
    issuers: [
      'microsoft-it-tls-ca-1',
      'microsoft-it-tls-ca-2',
      'microsoft-it-tls-ca-4',
      'microsoft-it-tls-ca-5',
    ],
    root: 'baltimore-cybertrust-root',
    links: [
      [
        'inferred',
        ['AZ_TLSCHG', 'AZ_REDIS'],
        `Azure-wide Baltimore-era intermediates; no ${inferredFor} capture`,
      ],
      CERT,
    ],
  }),
  msRsaTls: chain({
    id: 'baltimore-microsoft-rsa-tls',
    label: 'Baltimore CyberTrust Root → Microsoft RSA TLS CA 01/02',
    leaf: azureLeaf(pattern),
    issuers: ['microsoft-rsa-tls-ca-01', 'microsoft-rsa-tls-ca-02'],
    root: 'baltimore-cybertrust-root',
    links: [
      [
        'inferred',
        ['AZ_TLSCHG', 'AZ_REDIS'],
        `${inferredFor} stayed on Baltimore with new intermediates (documented); which ones is inferred`,
      ],
      CERT,
    ],
  }),
  g2AzureTls: chain({
    id: 'digicert-g2-azure-tls-issuing',
    label:
      'DigiCert Global Root G2 → Microsoft Azure TLS Issuing CA 01/02/05/06 or Azure RSA TLS Issuing CA 03/04/07/08',
    leaf: azureLeaf(pattern),
    issuers: [
      'microsoft-azure-tls-issuing-ca-01',
      'microsoft-azure-tls-issuing-ca-02',
      'microsoft-azure-tls-issuing-ca-05',
      'microsoft-azure-tls-issuing-ca-06',
      'microsoft-azure-rsa-tls-issuing-ca-03-xsign',
      'microsoft-azure-rsa-tls-issuing-ca-04-xsign',
      'microsoft-azure-rsa-tls-issuing-ca-07-xsign',
      'microsoft-azure-rsa-tls-issuing-ca-08-xsign',
    ],
    root: 'digicert-global-root-g2',
    links: [
      [
        'inferred',
        ['AZ_MIGRATE', 'AZ_CADET'],
        `the root is documented for ${inferredFor}; the issuing CAs are Azure's DigiCert-G2 CAs of that time`,
      ],
      CERT,
    ],
  }),
  tlsRsaRootG2: chain({
    id: 'microsoft-tls-rsa-root-g2-cross-signed',
    label:
      'DigiCert Global Root G2 → Microsoft TLS RSA Root G2 (cross-certificate) → Microsoft TLS G2 RSA CA OCSP 02…16',
    leaf: azureLeaf(pattern),
    issuers: [
      'microsoft-tls-g2-rsa-ca-ocsp-02',
      'microsoft-tls-g2-rsa-ca-ocsp-04',
      'microsoft-tls-g2-rsa-ca-ocsp-06',
      'microsoft-tls-g2-rsa-ca-ocsp-08',
      'microsoft-tls-g2-rsa-ca-ocsp-10',
      'microsoft-tls-g2-rsa-ca-ocsp-12',
      'microsoft-tls-g2-rsa-ca-ocsp-14',
      'microsoft-tls-g2-rsa-ca-ocsp-16',
    ],
    above: ['microsoft-tls-rsa-root-g2-xsign'],
    root: 'digicert-global-root-g2',
    links: [
      [
        'inferred',
        ['AZ_PG', 'AZ_CADET'],
        `the 2025-11 → 2026-Q1 rotation is documented for Azure Database for PostgreSQL; assumed for ${inferredFor}`,
      ],
      [
        'inferred',
        ['AZ_PG'],
        'served with the cross-certificate so DigiCert Global Root G2 keeps anchoring it',
      ],
      CERT,
    ],
    note: 'devices that trust Microsoft TLS RSA Root G2 itself stop at the cross-certificate (same subject and key)',
  }),
});

const hub = azureRsaChains('*.azure-devices.net', 'IoT Hub');
const dps = azureRsaChains('global.azure-devices-provisioning.net', 'DPS');

const leaf2015 = chain({
  id: 'baltimore-microsoft-it-ssl-sha2',
  label: 'Baltimore CyberTrust Root → Microsoft IT SSL SHA2 → *.azure-devices.net (captured 2016)',
  leaf: {
    pattern: '*.azure-devices.net',
    key: { type: 'RSA', bits: 2048 },
    slug: 'leaf-azure-devices-net-2015',
  },
  issuers: ['microsoft-it-ssl-sha2'],
  root: 'baltimore-cybertrust-root',
  links: [['documented', ['AZ_SDKC', 'CATALOG'], 'the real server chain the C SDK hard-coded in 2016'], CERT],
});

/** The Azure global RSA periods, shared by IoT Hub and DPS except for the migration window. */
function azureRsaPeriods(
  c: typeof hub,
  migration: { from: string; to: string; sources: string[] },
  start: { first: ServedChain[] } | { from: string },
) {
  const early =
    'first' in start
      ? [
          {
            id: 'baltimore-early',
            from: '2015-08-27',
            to: '2017-08-26',
            evidence: 'documented' as const,
            chains: start.first,
            sources: ['AZ_SDKC', 'CATALOG'],
            note: 'validity of the captured *.azure-devices.net leaf',
          },
        ]
      : [];
  return [
    ...early,
    {
      id: 'baltimore-microsoft-it-tls',
      from: 'first' in start ? '2017-08-26' : start.from,
      to: '2020-10-12',
      approximate: true,
      evidence: 'inferred' as const,
      chains: [c.msitTls],
      sources: ['AZ_TLSCHG', 'AZ_REDIS'],
    },
    {
      id: 'baltimore-microsoft-rsa-tls',
      from: '2020-10-12',
      to: migration.from,
      evidence: 'inferred' as const,
      chains: [c.msRsaTls],
      sources: ['AZ_TLSCHG', 'AZ_REDIS', 'AZ_SDKC_README'],
      note: 'the intermediate swap date is the one documented for Azure Cache for Redis',
    },
    {
      id: 'migration-to-digicert-g2',
      from: migration.from,
      to: migration.to,
      evidence: 'documented' as const,
      transition: true,
      chains: [c.msRsaTls, c.g2AzureTls],
      sources: migration.sources,
      note: 'region by region, and a hub could move early or revert (v1/v2): both roots are served',
    },
    {
      id: 'digicert-g2',
      from: migration.to,
      to: '2025-11-01',
      evidence: 'documented' as const,
      chains: [c.g2AzureTls],
      sources: ['AZ_MIGRATE', 'AZ_CADET'],
    },
    {
      id: 'rotation-to-microsoft-tls-rsa-root-g2',
      from: '2025-11-01',
      to: '2026-04-01',
      approximate: true,
      evidence: 'inferred' as const,
      transition: true,
      chains: [c.g2AzureTls, c.tlsRsaRootG2],
      sources: ['AZ_PG', 'AZ_CADET'],
      note: '"2025-11 through 2026-Q1" (PostgreSQL); the Azure RSA TLS Issuing CA 03/04/07/08 cross-certificates expire 2026-08-25',
    },
    {
      id: 'microsoft-tls-rsa-root-g2',
      from: '2026-04-01',
      to: '2029-06-03',
      approximate: true,
      evidence: 'inferred' as const,
      chains: [c.tlsRsaRootG2],
      sources: ['AZ_PG', 'CATALOG'],
      note: 'ends when the OCSP issuing CAs expire (2029-06-03), two weeks before the cross-certificate (2029-06-19); what follows is not documented',
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The families
// ---------------------------------------------------------------------------------------------

const atsRsaLeaf: LeafSpec = {
  pattern: '*-ats.iot.<region>.amazonaws.com',
  key: { type: 'RSA', bits: 2048 },
};
const atsEcLeaf: LeafSpec = {
  pattern: '*-ats.iot.<region>.amazonaws.com',
  key: { type: 'EC', bits: 256, curve: 'P-256' },
};

const atsRsa = (id: string, leaf: LeafSpec, leafLink: LinkSpec) =>
  chain({
    id,
    label:
      'Starfield Services Root G2 → Amazon Root CA 1 (cross-certificate) → Amazon Server CA 1B / Amazon RSA 2048 M01–M04',
    leaf,
    issuers: [
      'amazon-server-ca-1b',
      'amazon-rsa-2048-m01',
      'amazon-rsa-2048-m02',
      'amazon-rsa-2048-m03',
      'amazon-rsa-2048-m04',
    ],
    above: ['amazon-root-ca-1-by-starfield-g2'],
    root: 'starfield-services-root-g2',
    links: [
      leafLink,
      ['inferred', ['AWS_ACM', 'CATALOG'], 'Server CA 1B is in the catalog; M01–M04 are modelled'],
      ['documented', ['AWS_SA', 'AWS_ACM'], 'the Starfield cross-sign AWS documents'],
    ],
    note: 'anchors: Amazon Root CA 1 (same key as the cross-certificate) or Starfield Services Root G2',
  });

const atsEc = chain({
  id: 'amazon-root-ca-3-ecdsa',
  label:
    'Starfield Services Root G2 → Amazon Root CA 3 (cross-certificate) → Amazon Server CA 3B / Amazon ECDSA 256 M01–M04',
  leaf: atsEcLeaf,
  issuers: [
    'amazon-server-ca-3b',
    'amazon-ecdsa-256-m01',
    'amazon-ecdsa-256-m02',
    'amazon-ecdsa-256-m03',
    'amazon-ecdsa-256-m04',
  ],
  above: ['amazon-root-ca-3-by-starfield-g2'],
  root: 'starfield-services-root-g2',
  links: [
    ['documented', ['AWS_SA'], 'ECC 256 bit key → Amazon Root CA 3'],
    ['inferred', ['AWS_ACM'], 'issuing CA names modelled'],
    [
      'inferred',
      ['AWS_SA', 'AWS_ACM'],
      'ATS certificates are cross-signed by Starfield; assumed for the ECC chain too',
    ],
  ],
  note: 'anchors: Amazon Root CA 3 (same key as the cross-certificate) or Starfield Services Root G2',
});

const leLeafRsa: LeafSpec = { pattern: '<your broker host>', key: { type: 'RSA', bits: 2048 } };
const leLeafEc: LeafSpec = { pattern: '<your broker host>', key: { type: 'EC', bits: 256, curve: 'P-256' } };

/** Every endpoint family, in the order endpointFamiliesForHost reports matches (defaults first). */
export const ENDPOINT_FAMILIES: readonly EndpointFamily[] = [
  {
    id: 'azure-iot-hub',
    name: 'Azure IoT Hub (global Azure, RSA server certificates)',
    cloud: 'azure',
    role: 'hub',
    hosts: ['*.azure-devices.net'],
    ports: [8883, 5671, 443],
    keyType: 'RSA',
    periods: azureRsaPeriods(
      hub,
      { from: '2023-02-15', to: '2023-10-15', sources: ['AZ_MIGRATE', 'AZ_CLI_ROOT'] },
      { first: [leaf2015] },
    ),
    sources: ['AZ_MIGRATE', 'AZ_TLSSUP', 'AZ_CADET', 'AZ_SDKC'],
    notes:
      'MQTT 8883, AMQPS 5671, MQTT/AMQP over WebSockets and HTTPS 443. Microsoft documents only the root per period for IoT Hub; the issuing CAs come from Azure-wide lists (inferred).',
  },
  {
    id: 'azure-dps-global',
    name: 'Azure IoT Hub Device Provisioning Service, global device endpoint',
    cloud: 'azure',
    role: 'provisioning',
    hosts: ['global.azure-devices-provisioning.net', '*.azure-devices-provisioning.net'],
    ports: [8883, 5671, 443],
    keyType: 'RSA',
    // DPS opened (public preview) in September 2017: no Microsoft IT SSL SHA2 era.
    periods: azureRsaPeriods(
      dps,
      { from: '2024-01-15', to: '2024-02-15', sources: ['AZ_MIGRATE'] },
      { from: '2017-09-25' },
    ),
    sources: ['AZ_MIGRATE', 'AZ_TLSSUP', 'AZ_CADET'],
    notes:
      'Devices provision through global.azure-devices-provisioning.net, then connect to the assigned hub (family azure-iot-hub). DPS migrated to DigiCert Global Root G2 three months after the hubs.',
  },
  {
    id: 'azure-iot-hub-ecc',
    name: 'Azure IoT Hub, ECC server certificate (preview hubs, ECDSA-only cipher suites)',
    cloud: 'azure',
    role: 'hub',
    hosts: ['*.azure-devices.net'],
    ports: [8883, 5671, 443],
    keyType: 'EC',
    periods: [
      {
        id: 'ecc-preview-azure-ecc-01',
        from: '2021-01-25',
        to: '2023-06-08',
        approximate: true,
        evidence: 'inferred',
        chains: [
          eccChain([
            'microsoft-azure-ecc-tls-issuing-ca-01',
            'microsoft-azure-ecc-tls-issuing-ca-02',
            'microsoft-azure-ecc-tls-issuing-ca-05',
            'microsoft-azure-ecc-tls-issuing-ca-06',
          ]),
        ],
        sources: ['AZ_TLSSUP', 'AZ_SDKC', 'AZ_CADET'],
        note: 'start: the C SDK added DigiCert Global Root G3 for the preview',
      },
      {
        id: 'ecc-preview-azure-ecc-03',
        from: '2023-06-08',
        to: '2026-08-25',
        evidence: 'inferred',
        chains: [
          eccChain([
            'microsoft-azure-ecc-tls-issuing-ca-01',
            'microsoft-azure-ecc-tls-issuing-ca-02',
            'microsoft-azure-ecc-tls-issuing-ca-05',
            'microsoft-azure-ecc-tls-issuing-ca-06',
            'microsoft-azure-ecc-tls-issuing-ca-03-xsign',
            'microsoft-azure-ecc-tls-issuing-ca-04-xsign',
            'microsoft-azure-ecc-tls-issuing-ca-07-xsign',
            'microsoft-azure-ecc-tls-issuing-ca-08-xsign',
          ]),
        ],
        sources: ['AZ_CADET', 'CATALOG'],
        note: 'ends when the DigiCert-G3 cross-certificates of the ECC 03/04/07/08 CAs expire; the successor (Microsoft TLS ECC Root G2 hierarchy, added to the Azure list 2025-09) is not in the catalog',
      },
    ],
    sources: ['AZ_TLSSUP', 'AZ_CADET', 'AZ_SDKC'],
    notes:
      'Only hubs created in ECC preview mode present ECC certificates, and only to clients offering ECDSA-only cipher suites; the same host names serve RSA to everyone else.',
  },
  {
    id: 'azure-china-iot-hub',
    name: 'Azure IoT Hub and DPS in Azure China (21Vianet)',
    cloud: 'azure-china',
    role: 'hub',
    hosts: ['*.azure-devices.cn', 'global.azure-devices-provisioning.cn', '*.azure-devices-provisioning.cn'],
    ports: [8883, 5671, 443],
    keyType: 'RSA',
    periods: [
      {
        id: 'digicert-global-root-ca',
        from: '2017-03-08',
        to: '2026-02-17',
        approximate: true,
        evidence: 'documented',
        chains: [
          chinaChain(
            'digicert-global-root-ca-china',
            'azure-china-tls-issuing-ca',
            'digicert-global-root-ca',
            ['documented', ['AZ_SDKC'], 'root named by the C SDK for portal.azure.cn'],
          ),
        ],
        sources: ['AZ_SDKC', 'AZ_MIGRATE'],
        note: 'start: the C SDK commit that names the root; sovereign clouds were outside the 2023 migration',
      },
      {
        id: 'move-to-digicert-g2',
        from: '2026-02-17',
        evidence: 'inferred',
        transition: true,
        chains: [
          chinaChain(
            'digicert-global-root-ca-china',
            'azure-china-tls-issuing-ca',
            'digicert-global-root-ca',
            ['documented', ['AZ_SDKC']],
          ),
          chinaChain(
            'digicert-global-root-g2-china',
            'azure-china-g2-tls-issuing-ca',
            'digicert-global-root-g2',
            ['inferred', ['AZ_PG'], 'documented for PostgreSQL in China regions only'],
          ),
        ],
        sources: ['AZ_PG'],
        note: '"after the 2026 Spring Festival" (2026-02-17) for PostgreSQL; no IoT Hub statement: both roots are modelled as possible from then on',
      },
    ],
    sources: ['AZ_SDKC', 'AZ_PG', 'AZ_MIGRATE'],
    notes:
      'WoSign (in the C SDK 2017-03 … 2018-11) is distrusted and never modelled as served. Azure Germany (D-TRUST Root Class 3 CA 2 2009) is closed and not modelled.',
  },
  {
    id: 'azure-blob-storage',
    name: 'Azure Blob Storage (Device Update and firmware downloads over HTTPS)',
    cloud: 'azure',
    role: 'firmware-download',
    hosts: ['*.blob.core.windows.net'],
    ports: [443],
    keyType: 'RSA',
    periods: [
      {
        id: 'baltimore-microsoft-it-tls',
        from: '2016-05-20',
        to: '2020-08-13',
        approximate: true,
        evidence: 'inferred',
        chains: [storageChain(hub.msitTls)],
        sources: ['AZ_TLSCHG'],
      },
      {
        id: 'azure-wide-root-changes',
        from: '2020-08-13',
        to: '2024-10-08',
        evidence: 'inferred',
        transition: true,
        chains: [storageChain(hub.msitTls), storageChain(hub.msRsaTls), storageChain(hub.g2AzureTls)],
        sources: ['AZ_TLSCHG', 'AZ_SDKC_README', 'AZ_CADET'],
        note: 'Azure services left Baltimore from 2020-08-13 (all IoT services except IoT Hub and DPS went to DigiCert G2); Baltimore left the Azure CA list on 2024-10-08. Storage accounts moved at different times: every chain is possible',
      },
      {
        id: 'digicert-g2',
        from: '2024-10-08',
        to: '2025-11-01',
        evidence: 'inferred',
        chains: [storageChain(hub.g2AzureTls)],
        sources: ['AZ_CADET'],
      },
      {
        id: 'rotation-to-microsoft-tls-rsa-root-g2',
        from: '2025-11-01',
        to: '2029-06-03',
        approximate: true,
        evidence: 'inferred',
        transition: true,
        chains: [storageChain(hub.g2AzureTls), storageChain(hub.tlsRsaRootG2)],
        sources: ['AZ_PG', 'AZ_CADET'],
      },
    ],
    sources: ['AZ_ADU_NET', 'AZ_TLSCHG', 'AZ_CADET', 'AZ_SDKC_README'],
    notes:
      'Device Update for IoT Hub downloads payloads over HTTP (port 80) by default (AZ_ADU_NET): no TLS, so no root is needed unless HTTPS downloads are chosen. Every link here is inferred from Azure-wide documents: no Storage-specific chain document was found.',
  },
  {
    id: 'aws-iot-core-ats-rsa',
    name: 'AWS IoT Core data endpoints (iot:Data-ATS), RSA',
    cloud: 'aws',
    role: 'hub',
    hosts: ['*-ats.iot.*.amazonaws.com', '*.credentials.iot.*.amazonaws.com'],
    ports: [8883, 443],
    keyType: 'RSA',
    periods: [
      {
        id: 'ats',
        from: '2018-05-01',
        to: '2030-08-23',
        approximate: true,
        evidence: 'documented',
        chains: [
          atsRsa('amazon-root-ca-1-rsa', atsRsaLeaf, [
            'documented',
            ['AWS_SA', 'AWS_CAPTURE_2018'],
            'RSA 2048 bit key → Amazon Root CA 1; Server CA 1B captured 2018',
          ]),
        ],
        sources: ['AWS_SA', 'AWS_BLOG_ATS', 'AWS_ACM', 'AWS_CAPTURE_2018'],
        note: 'the issuing CA changes without notice (Server CA 1B until 2025-10-19, M01–M04 from 2022-08-23); ends when M01–M04 expire (2030-08-23)',
      },
    ],
    sources: ['AWS_SA', 'AWS_ATS_REPO', 'AWS_ACM'],
    notes:
      'The chain depends on the negotiated cipher suite: ECDHE-RSA gets this one, ECDHE-ECDSA the ECC family. The credentials provider (iot:CredentialProvider) is assumed to serve the same ATS chain.',
  },
  {
    id: 'aws-iot-core-ats-ecc',
    name: 'AWS IoT Core data endpoints (iot:Data-ATS), ECC',
    cloud: 'aws',
    role: 'hub',
    hosts: ['*-ats.iot.*.amazonaws.com', '*.credentials.iot.*.amazonaws.com'],
    ports: [8883, 443],
    keyType: 'EC',
    periods: [
      {
        id: 'ats',
        from: '2018-05-01',
        to: '2030-08-23',
        approximate: true,
        evidence: 'inferred',
        chains: [atsEc],
        sources: ['AWS_SA', 'AWS_ACM'],
      },
    ],
    sources: ['AWS_SA', 'AWS_ATS_REPO', 'AWS_ACM'],
    notes: 'Served to clients that negotiate an ECDHE-ECDSA cipher suite.',
  },
  {
    id: 'aws-iot-legacy-verisign',
    name: 'AWS IoT Core legacy data endpoints (iot:Data, VeriSign/Symantec)',
    cloud: 'aws',
    role: 'hub',
    hosts: ['*.iot.*.amazonaws.com'],
    excludeHosts: ['*-ats.iot.*.amazonaws.com', '*.credentials.iot.*.amazonaws.com', 'iot.*.amazonaws.com'],
    ports: [8883, 443],
    keyType: 'RSA',
    periods: [
      {
        id: 'verisign-g5',
        from: '2015-10-08',
        to: '2023-10-31',
        approximate: true,
        evidence: 'documented',
        chains: [
          chain({
            id: 'verisign-g5-symantec',
            label: 'VeriSign Class 3 G5 → Symantec Class 3 ECC 256 bit SSL CA G2 / Secure Server CA G4',
            leaf: { pattern: '*.iot.<region>.amazonaws.com', key: { type: 'EC', bits: 256, curve: 'P-256' } },
            issuers: ['symantec-class3-ecc-256-ssl-ca-g2', 'symantec-class3-secure-server-ca-g4'],
            root: 'verisign-class3-g5',
            links: [
              ['documented', ['AWS_SA', 'CATALOG'], 'ECC leaf under the Symantec ECC CA captured in 2017'],
              ['documented', ['AWS_SA', 'CATALOG']],
            ],
            note: 'leaves were ECC (captured) or RSA, depending on the cipher suite',
          }),
        ],
        sources: ['AWS_SA', 'AWS_BLOG_ATS', 'AWS_BLOG_SYM'],
        note: 'start: AWS IoT general availability',
      },
      {
        id: 'verisign-g5-renewed',
        from: '2023-10-31',
        to: '2025-05-11',
        evidence: 'inferred',
        chains: [
          chain({
            id: 'verisign-g5-renewed',
            label: 'VeriSign Class 3 G5 → renewed issuing CA',
            leaf: { pattern: '*.iot.<region>.amazonaws.com', key: { type: 'RSA', bits: 2048 } },
            issuers: ['symantec-class3-ecc-256-ssl-ca-g2', 'aws-iot-legacy-renewed-ica'],
            root: 'verisign-class3-g5',
            links: [
              ['inferred', ['AWS_BLOG_SYM']],
              ['inferred', ['AWS_BLOG_SYM', 'CATALOG']],
            ],
          }),
        ],
        sources: ['AWS_BLOG_SYM'],
        note: 'ends when the Symantec ECC CA expired; AWS now says these endpoints are no longer supported',
      },
    ],
    deprecated:
      'legacy VeriSign/Symantec endpoint: AWS says Symantec and VeriSign certificates are deprecated and no longer supported by AWS IoT Core; browsers distrust the root since 2018. Move devices to the account’s -ats endpoint and trust Amazon Root CA 1/3 (and Starfield Services Root G2).',
    sources: ['AWS_SA', 'AWS_BLOG_ATS', 'AWS_BLOG_SYM'],
    notes: 'Host names without -ats (<prefix>.iot.<region>.amazonaws.com).',
  },
  {
    id: 'aws-s3',
    name: 'Amazon S3 (AWS IoT OTA over HTTP: presigned S3 URLs)',
    cloud: 'aws',
    role: 'firmware-download',
    hosts: [
      '*.s3.amazonaws.com',
      's3.amazonaws.com',
      '*.s3.*.amazonaws.com',
      's3.*.amazonaws.com',
      '*.s3-*.amazonaws.com',
    ],
    ports: [443],
    keyType: 'RSA',
    periods: [
      {
        id: 'digicert-baltimore',
        from: '2015-12-08',
        to: '2021-03-23',
        approximate: true,
        evidence: 'documented',
        chains: [
          chain({
            id: 'baltimore-digicert-ca-2-g2',
            label: 'Baltimore CyberTrust Root → DigiCert Baltimore CA-2 G2',
            leaf: { pattern: '*.s3.amazonaws.com', key: { type: 'RSA', bits: 2048 } },
            issuers: ['digicert-baltimore-ca-2-g2'],
            root: 'baltimore-cybertrust-root',
            links: [
              ['inferred', ['AWS_S3_CF_MIG'], 'DigiCert-issued before the migration'],
              ['documented', ['AWS_SDK_S3'], 'the SDK S3 demo trusted Baltimore'],
            ],
          }),
        ],
        sources: ['AWS_SDK_S3', 'AWS_S3_CF_MIG'],
      },
      {
        id: 'migration-to-ats',
        from: '2021-03-23',
        to: '2022-06-02',
        evidence: 'documented',
        transition: true,
        chains: [s3Baltimore(), s3Ats()],
        sources: ['AWS_S3_CF_MIG'],
      },
      {
        id: 'ats',
        from: '2022-06-02',
        to: '2030-08-23',
        evidence: 'documented',
        chains: [s3Ats()],
        sources: ['AWS_S3_CF_MIG', 'AWS_ACM'],
        note: 'ends when the modelled ATS issuing CAs expire',
      },
    ],
    sources: ['AWS_S3_CF_MIG', 'AWS_SDK_S3', 'AWS_ACM'],
    notes:
      'OTA over MQTT uses the IoT Core data endpoint instead (aws-iot-core-ats-*). Whether S3 also sends the Starfield cross-certificate is not documented: the chain is modelled ending at Amazon Root CA 1.',
  },
  {
    id: 'aws-cloudfront',
    name: 'Amazon CloudFront default domain (*.cloudfront.net: firmware behind a CDN)',
    cloud: 'aws',
    role: 'firmware-download',
    hosts: ['*.cloudfront.net'],
    ports: [443],
    keyType: 'RSA',
    periods: [
      {
        id: 'ats',
        from: '2021-06-16',
        to: '2030-08-23',
        evidence: 'documented',
        chains: [s3Ats('*.cloudfront.net', 'amazon-root-ca-1-cloudfront')],
        sources: ['AWS_S3_CF_MIG', 'AWS_ACM'],
        note: 'before 2021-06-16 CloudFront served a DigiCert chain that is not modelled',
      },
    ],
    sources: ['AWS_S3_CF_MIG', 'AWS_ACM'],
    notes: 'Custom domains with your own certificate are outside this profile.',
  },
  {
    id: 'letsencrypt-mqtt-broker',
    name: "Generic MQTT broker with a Let's Encrypt certificate",
    cloud: 'generic',
    role: 'broker',
    hosts: [],
    ports: [8883, 443],
    keyType: 'RSA',
    periods: [
      {
        id: 'r3-e1',
        from: '2020-12-01',
        to: '2024-06-06',
        approximate: true,
        evidence: 'documented',
        chains: [
          chain({
            id: 'r3-long-chain',
            label: 'DST Root CA X3 → ISRG Root X1 (cross-certificate) → R3',
            leaf: leLeafRsa,
            issuers: ['lets-encrypt-r3'],
            above: ['isrg-root-x1-by-dst-root-ca-x3'],
            root: 'dst-root-ca-x3',
            links: [
              ['documented', ['LE_CHAIN_2021']],
              ['documented', ['LE_CHAIN_2021']],
              ['documented', ['LE_CHAIN_2021']],
            ],
            note: 'the default chain most servers sent; anchors: ISRG Root X1 (same key) or the expired DST Root CA X3',
          }),
          chain({
            id: 'r3-short-chain',
            label: 'ISRG Root X1 → R3',
            leaf: leLeafRsa,
            issuers: ['lets-encrypt-r3'],
            root: 'isrg-root-x1',
            links: [
              ['documented', ['LE_CHAIN_2021']],
              ['documented', ['LE_CHAIN_2021']],
            ],
          }),
          chain({
            id: 'e1',
            label: 'ISRG Root X1 → ISRG Root X2 (cross-certificate) → E1',
            leaf: leLeafEc,
            issuers: ['lets-encrypt-e1'],
            above: ['isrg-root-x2-by-x1'],
            root: 'isrg-root-x1',
            links: [
              ['documented', ['LE_CHAIN_2021']],
              ['documented', ['LE_CHAIN_2021']],
              ['documented', ['LE_CHAIN_2021']],
            ],
          }),
        ],
        sources: ['LE_CHAIN_2021'],
      },
      {
        id: 'r10-e5',
        from: '2024-06-06',
        to: '2027-03-12',
        evidence: 'documented',
        chains: [
          chain({
            id: 'r10-r11',
            label: 'ISRG Root X1 → R10/R11',
            leaf: leLeafRsa,
            issuers: ['lets-encrypt-r10', 'lets-encrypt-r11'],
            root: 'isrg-root-x1',
            links: [
              ['documented', ['LE_2024_CHAINS']],
              ['documented', ['LE_2024_INTERMEDIATES']],
            ],
          }),
          chain({
            id: 'e5-e6-by-x1',
            label: 'ISRG Root X1 → E5/E6 (default ECDSA chain)',
            leaf: leLeafEc,
            issuers: ['lets-encrypt-e5-by-x1', 'lets-encrypt-e6-by-x1'],
            root: 'isrg-root-x1',
            links: [
              ['documented', ['LE_2024_CHAINS']],
              ['documented', ['LE_2024_INTERMEDIATES']],
            ],
          }),
          chain({
            id: 'e5-e6-by-x2',
            label: 'ISRG Root X2 → E5/E6 (alternate ECDSA chain, chosen by the broker operator)',
            leaf: leLeafEc,
            issuers: ['lets-encrypt-e5', 'lets-encrypt-e6'],
            root: 'isrg-root-x2',
            links: [
              ['documented', ['LE_2024_CHAINS']],
              ['documented', ['LE_2024_INTERMEDIATES']],
            ],
          }),
        ],
        sources: ['LE_2024_INTERMEDIATES', 'LE_2024_CHAINS'],
        note: 'ends when R10/R11 and E5/E6 expire; Let’s Encrypt announces successors (and its next roots) ahead',
      },
    ],
    sources: ['LE_CHAIN_2021', 'LE_2024_INTERMEDIATES', 'LE_2024_CHAINS'],
    notes:
      'Not tied to a host name: select it for any broker (self-hosted Mosquitto/EMQX/HiveMQ …) whose certificate comes from Let’s Encrypt. Leaves are RSA or ECDSA as the operator chose; keyType names the default.',
  },
];

// ---- helpers used above (function declarations are hoisted) ----

function eccChain(issuers: string[]): ServedChain {
  return chain({
    id: 'digicert-g3-azure-ecc',
    label: 'DigiCert Global Root G3 → Microsoft Azure ECC TLS Issuing CA',
    leaf: { pattern: '*.azure-devices.net', key: { type: 'EC', bits: 384, curve: 'P-384' } },
    issuers,
    root: 'digicert-global-root-g3',
    links: [
      [
        'inferred',
        ['AZ_TLSSUP', 'AZ_CADET'],
        'root documented for the IoT Hub ECC preview; issuing CAs from the Azure-wide list',
      ],
      ['documented', ['AZ_CADET', 'CATALOG']],
    ],
  });
}

function chinaChain(id: string, issuer: string, root: string, leafLink: LinkSpec): ServedChain {
  return chain({
    id,
    label: `${root} → ${issuer}`,
    leaf: { pattern: '*.azure-devices.cn', key: { type: 'RSA', bits: 2048 } },
    issuers: [issuer],
    root,
    links: [leafLink, ['inferred', ['AZ_SDKC', 'AZ_PG'], 'issuing CA not documented (modelled)']],
  });
}

function storageChain(c: ServedChain): ServedChain {
  const links = c.links.map((l) =>
    l.subject === 'leaf'
      ? {
          ...l,
          evidence: 'inferred' as const,
          sources: ['AZ_TLSCHG', 'AZ_CADET'],
          note: 'Azure-wide; no Storage-specific document',
        }
      : l,
  );
  return { ...c, leaf: azureLeaf('*.blob.core.windows.net'), links };
}

function s3Baltimore(): ServedChain {
  return chain({
    id: 'baltimore-digicert-ca-2-g2',
    label: 'Baltimore CyberTrust Root → DigiCert Baltimore CA-2 G2',
    leaf: { pattern: '*.s3.amazonaws.com', key: { type: 'RSA', bits: 2048 } },
    issuers: ['digicert-baltimore-ca-2-g2'],
    root: 'baltimore-cybertrust-root',
    links: [
      ['inferred', ['AWS_S3_CF_MIG']],
      ['documented', ['AWS_SDK_S3']],
    ],
  });
}

function s3Ats(pattern = '*.s3.amazonaws.com', id = 'amazon-root-ca-1-s3'): ServedChain {
  return chain({
    id,
    label: 'Amazon Root CA 1 → Amazon Server CA 1B / Amazon RSA 2048 M01–M04',
    leaf: { pattern, key: { type: 'RSA', bits: 2048 } },
    issuers: [
      'amazon-server-ca-1b',
      'amazon-rsa-2048-m01',
      'amazon-rsa-2048-m02',
      'amazon-rsa-2048-m03',
      'amazon-rsa-2048-m04',
    ],
    root: 'amazon-root-ca-1',
    links: [
      ['documented', ['AWS_S3_CF_MIG'], 'Amazon Trust Services after the migration'],
      ['inferred', ['AWS_ACM', 'CATALOG'], 'issuing CA picked at random; M01–M04 modelled'],
    ],
  });
}
