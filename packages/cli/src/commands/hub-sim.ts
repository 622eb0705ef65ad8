// `hubtrust hub-sim`: runs a simulated hub on loopback until Ctrl-C. Thin: starts
// @hubtrust/hub-sim, prints where it listens and one line (or JSON line) per connection, and on
// Ctrl-C stops the listeners and removes its temporary files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionRecord, HubOptions, ScenarioName } from '@hubtrust/hub-sim';
import { Option } from 'commander';
import { type CommandModule, examples } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { parseCount } from '../inputs.js';

/** Version of the `hub-sim --json` line shapes (schemas/hub-sim.v1.schema.json). */
export const HUB_SIM_SCHEMA_VERSION = 1;

// Scenario names are listed here for --help and completion without loading hub-sim (aedes,
// ~0.1-0.2 s) on every run; a test checks the list equals hub-sim's SCENARIO_NAMES.
export const SCENARIO_CHOICES = [
  'current',
  'legacy-baltimore',
  'rotated-root',
  'expired-leaf',
  'not-yet-valid',
  'wrong-host',
  'untrusted-root',
  'sha1-signed',
  'missing-intermediate',
  'large-chain',
  'tls10-only',
  'tls12-only',
  'tls13-only',
  'weak-cipher-only',
  'client-cert-required',
  'max-size-records',
  'mfl-honoured',
] as const;

interface HubSimOptions {
  scenario: ScenarioName;
  cloud: 'azure' | 'aws';
  keyType: 'rsa' | 'ecdsa';
  hub?: string;
  region?: string;
  seed?: string;
  mqttPort: string;
  httpsPort: string;
  echoPort: string;
  json?: boolean;
  list?: boolean;
}

/** One line per ended connection. */
function summarize(record: ConnectionRecord): string {
  const hs = record.handshake;
  const alert = hs.alertSent
    ? ` alert sent ${hs.alertSent.name}`
    : hs.alertReceived
      ? ` alert received ${hs.alertReceived.name}`
      : '';
  const mqtt = record.mqtt?.connackReturnCode != null ? ` CONNACK ${record.mqtt.connackReturnCode}` : '';
  const sni = record.clientHello?.serverName ?? '-';
  return `#${record.id} ${record.endpoint} ${record.remoteAddress}:${record.remotePort} sni=${sni} ${record.outcome}${
    hs.protocol ? ` ${hs.protocol}` : ''
  }${alert}${mqtt}\n`;
}

function port(value: string, option: string): number {
  const n = parseCount(value, option);
  if (n > 65535) throw new CliError(`${option} must be a port number (0-65535), got ${value}`);
  return n;
}

export const hubSimCommand: CommandModule = {
  name: 'hub-sim',
  register(program, ctx) {
    const cmd = program
      .command('hub-sim')
      .summary('run a simulated IoT hub on loopback until Ctrl-C (--list for scenarios)')
      .description(
        'Run a simulated Azure IoT Hub or AWS IoT Core on 127.0.0.1 (MQTT over TLS, HTTPS and a TLS echo endpoint) serving a scenario chain, and print one line per connection until Ctrl-C. Writes the CA bundle a correct device trusts and the served chain to a temporary folder that is removed on exit.',
      )
      .addOption(
        new Option('--scenario <name>', 'the scenario to serve').choices(SCENARIO_CHOICES).default('current'),
      )
      .addOption(
        new Option('--cloud <cloud>', 'which hub to impersonate').choices(['azure', 'aws']).default('azure'),
      )
      .addOption(
        new Option('--key-type <type>', 'AWS: RSA (Root CA 1) or ECDSA (Root CA 3) chain')
          .choices(['rsa', 'ecdsa'])
          .default('rsa'),
      )
      .option('--hub <name>', 'Azure hub name (<name>.azure-devices.net)')
      .option('--region <region>', 'AWS region of the endpoint name')
      .option('--seed <seed>', 'seed of the deterministic test PKI')
      .option('--mqtt-port <n>', 'MQTT/TLS port (0: any free port)', '0')
      .option('--https-port <n>', 'HTTPS port (0: any free port)', '0')
      .option('--echo-port <n>', 'TLS echo port (0: any free port)', '0')
      .option(
        '--json',
        'print the hub and each connection as JSON lines (schema: schemas/hub-sim.v1.schema.json)',
      )
      .option('--list', 'list the scenarios and exit');
    examples(cmd, [
      ['hubtrust hub-sim --list', 'list the scenarios and what a correct device must do'],
      ['hubtrust hub-sim --scenario rotated-root', 'serve the Microsoft TLS RSA Root G2 cross-signed chain'],
      [
        'hubtrust hub-sim --scenario current --cloud aws --key-type ecdsa --json',
        'AWS IoT Core, ECDSA chain, JSON lines',
      ],
    ]);
    cmd.action(
      ctx.action(async (opts: HubSimOptions) => {
        const { SCENARIO_NAMES, SCENARIOS, startHub } = await import('@hubtrust/hub-sim');
        const io = ctx.io;
        if (opts.list) {
          const width = Math.max(...SCENARIO_NAMES.map((n) => n.length));
          const lines = SCENARIO_NAMES.map((name) => {
            const s = SCENARIOS[name];
            return `  ${name.padEnd(width)}  [${s.clouds.join(', ')}] ${s.correctDevice}`;
          });
          io.stdout.write(`Scenarios (what a correct device must do):\n${lines.join('\n')}\n`);
          return EXIT.ok;
        }
        const ports = {
          mqtt: port(opts.mqttPort, '--mqtt-port'),
          https: port(opts.httpsPort, '--https-port'),
          echo: port(opts.echoPort, '--echo-port'),
        };
        if (!SCENARIOS[opts.scenario].clouds.includes(opts.cloud))
          throw new CliError(
            `scenario "${opts.scenario}" does not exist for ${opts.cloud}`,
            2,
            'see hubtrust hub-sim --list',
          );
        const options: HubOptions = {
          scenario: opts.scenario,
          cloud: opts.cloud,
          keyType: opts.keyType,
          ...(opts.hub ? { hubName: opts.hub } : {}),
          ...(opts.region ? { region: opts.region } : {}),
          ...(opts.seed ? { seed: opts.seed } : {}),
          ports,
        };
        let hub: Awaited<ReturnType<typeof startHub>>;
        try {
          hub = await startHub(options);
        } catch (error) {
          const e = error as NodeJS.ErrnoException;
          if (e.code === 'EADDRINUSE')
            throw new CliError(
              `a port is already in use (${e.message})`,
              2,
              'pick other ports, or 0 for any free port',
            );
          if (error instanceof TypeError) throw new CliError(error.message, 2);
          throw error;
        }
        const dir = mkdtempSync(join(tmpdir(), 'hubtrust-hub-sim-'));
        try {
          const caFile = join(dir, 'ca.pem');
          const chainFile = join(dir, 'served-chain.pem');
          writeFileSync(caFile, hub.caPem);
          writeFileSync(chainFile, hub.chainPem);
          const device = hub.devices[0];
          if (opts.json) {
            io.stdout.write(
              `${JSON.stringify({
                schemaVersion: HUB_SIM_SCHEMA_VERSION,
                kind: 'hub',
                scenario: hub.scenario.name,
                cloud: hub.cloud,
                hostname: hub.hostname,
                host: hub.host,
                ports: hub.ports,
                caFile,
                chainFile,
                devices: hub.devices,
                expected: hub.scenario.expected,
              })}\n`,
            );
          } else {
            io.stdout.write(
              [
                `hubtrust hub-sim: scenario "${hub.scenario.name}" (${hub.cloud}), started in ${hub.startupMs} ms`,
                `  serves     ${hub.scenario.serves}`,
                `  hub name   ${hub.hostname}   (TLS servername / SNI)`,
                `  MQTT/TLS   ${hub.host}:${hub.ports.mqtt}`,
                `  HTTPS      ${hub.host}:${hub.ports.https}`,
                `  TLS echo   ${hub.host}:${hub.ports.echo}`,
                `  CA bundle  ${caFile}   (the roots a correct device trusts)`,
                `  chain      ${chainFile}   (what the hub sends)`,
                ...(device ? [`  device     ${device.deviceId}, SAS key ${device.primaryKey}`] : []),
                `  expect     ${hub.scenario.correctDevice}`,
                'Press Ctrl-C to stop.',
                '',
              ].join('\n'),
            );
          }
          const printed = new Set<number>();
          const unsubscribe = hub.onRecord((record) => {
            if (record.endedAt === null || printed.has(record.id)) return;
            printed.add(record.id);
            io.stdout.write(
              opts.json
                ? `${JSON.stringify({ schemaVersion: HUB_SIM_SCHEMA_VERSION, kind: 'connection', ...record })}\n`
                : summarize(record),
            );
          });
          if (!io.signal.aborted)
            await new Promise((resolve) => io.signal.addEventListener('abort', resolve, { once: true }));
          unsubscribe();
          if (!opts.json)
            io.stdout.write(`stopped after ${hub.records.length + hub.droppedRecords} connection(s)\n`);
          return EXIT.ok;
        } finally {
          await hub.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
    );
  },
};
