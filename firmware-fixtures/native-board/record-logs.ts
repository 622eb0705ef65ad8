// Records console logs of the native board against hub-sim into ./logs, one file per situation,
// with index.json naming each log's cause: the situation's designed cause, checked against two
// observers before anything is written (hub-sim's connection record must allow it and
// @hubtrust/logs must read it from the log), so a mismatch aborts instead of recording a wrongly
// labelled log.
// Run: node packages/hil/src/testing/run-ts.mjs firmware-fixtures/native-board/record-logs.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HubOptions, startHub } from '@hubtrust/hub-sim';
import {
  boardVerdict,
  type ConnectExtras,
  connectCommand,
  hubVerdict,
  RESULT_LINE,
} from '../../packages/hil/src/index.js';
import { startNativeRig, testBundle } from '../../packages/hil/src/testing/native-rig.js';

interface Situation {
  readonly file: string;
  readonly hub: HubOptions;
  readonly extras?: ConnectExtras;
  readonly cause: string;
  readonly note: string;
}

const SITUATIONS: readonly Situation[] = [
  {
    file: 'ok-current-azure',
    hub: { scenario: 'current' },
    cause: 'handshake_success',
    note: 'TLS 1.2 handshake and MQTT CONNACK 0',
  },
  {
    file: 'unknown-ca-baltimore-only',
    hub: { scenario: 'current' },
    cause: 'unknown_ca',
    note: 'Baltimore-only store, hub serves the DigiCert G2 chain',
  },
  { file: 'expired-leaf', hub: { scenario: 'expired-leaf' }, cause: 'expired', note: 'leaf valid 2023-2024' },
  {
    file: 'not-yet-valid-unset-clock',
    hub: { scenario: 'current' },
    extras: { clock: 'unset' },
    cause: 'not_yet_valid_clock',
    note: 'device clock at 1970',
  },
  {
    file: 'hostname-mismatch',
    hub: { scenario: 'wrong-host' },
    cause: 'hostname_mismatch',
    note: 'leaf for *.servicebus.windows.net',
  },
  {
    file: 'sha1-leaf',
    hub: { scenario: 'sha1-signed' },
    cause: 'other',
    note: 'SHA-1 leaf signature refused by the default profile (BADCERT_BAD_MD)',
  },
  {
    file: 'tls13-only',
    hub: { scenario: 'tls13-only' },
    cause: 'protocol_mismatch',
    note: 'mbedTLS 2.28 offers TLS 1.2 only; hub sends protocol_version',
  },
  {
    file: 'heap-too-small',
    hub: { scenario: 'current' },
    extras: { heap: 20_000 },
    cause: 'out_of_memory',
    note: '20,000-byte heap: mbedtls_ssl_setup -0x7F00',
  },
  {
    file: 'input-buffer-too-small',
    hub: { scenario: 'current' },
    extras: { inbuf: 2048 },
    cause: 'other',
    note: '2 KiB input buffer, 16 KiB records: bad message length -0x7200',
  },
  {
    file: 'large-chain-fragmentation',
    hub: { scenario: 'large-chain' },
    cause: 'other',
    note: 'Certificate message over 16 KiB: TLS handshake fragmentation not supported -0x7080',
  },
  {
    file: 'client-cert-required',
    hub: { scenario: 'client-cert-required' },
    cause: 'peer_rejected_client_cert',
    note: 'hub asks for a device certificate, the board has none',
  },
  {
    file: 'debug-level-3-ok',
    hub: { scenario: 'current' },
    extras: { debug: 3 },
    cause: 'handshake_success',
    note: 'mbedTLS debug level 3, successful handshake',
  },
];

const here = fileURLToPath(new URL('.', import.meta.url));
const out = join(here, 'logs');
mkdirSync(out, { recursive: true });
const index: object[] = [];
for (const [bundleName, roots] of [
  ['azure-test-roots', ['digicert-global-root-g2', 'baltimore-cybertrust-root']],
  ['baltimore-only', ['baltimore-cybertrust-root']],
] as const) {
  const rig = await startNativeRig(await testBundle(bundleName, roots));
  await rig.console.expect('hubtrust> ready', { timeout: 10_000 });
  const boot = readFileSync(join(rig.dir, 'raw.log'));
  for (const s of SITUATIONS.filter(
    (x) => (x.file === 'unknown-ca-baltimore-only') === (bundleName === 'baltimore-only'),
  )) {
    const hub = await startHub(s.hub);
    const rawLog = join(rig.dir, `${s.file}.raw`);
    await rig.console.rotateArtifacts({ rawLog });
    const from = rig.console.nextSeq;
    await rig.console.write(connectCommand(hub, s.extras));
    await rig.console.expect(RESULT_LINE, { timeout: 30_000 });
    await rig.console.expect('hubtrust> ready');
    await rig.console.rotateArtifacts({});
    const verdict = boardVerdict(rig.console.textSince(from));
    const record = await hub
      .waitForRecord((r) => r.endpoint === 'mqtt' && r.endedAt !== null, 3000)
      .catch(() => null);
    const allowed = hubVerdict(record).causes;
    await hub.stop();
    if (verdict.cause !== s.cause || !allowed.includes(s.cause))
      throw new Error(
        `${s.file}: the log reads ${verdict.cause}, the hub record allows ${allowed.join('|')}; expected ${s.cause}`,
      );
    // Boot banner first, as a serial capture from power-on would show it.
    writeFileSync(join(out, `${s.file}.log`), Buffer.concat([boot, readFileSync(rawLog)]));
    index.push({
      file: `${s.file}.log`,
      stack: 'mbedtls',
      version: '2.28',
      bundle: bundleName,
      scenario: s.hub.scenario,
      true_cause: s.cause,
      detail: verdict.detail,
      note: s.note,
    });
  }
  await rig.stop();
}
writeFileSync(join(out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
console.log(`recorded ${index.length} logs in ${out}`);
