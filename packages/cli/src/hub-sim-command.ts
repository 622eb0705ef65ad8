// `hubtrust hub-sim`: runs a simulated hub on loopback until interrupted. Thin: parses the
// arguments, starts @hubtrust/hub-sim, prints where it listens and one line per connection.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Cloud,
  type ConnectionRecord,
  type HubOptions,
  SCENARIO_NAMES,
  SCENARIOS,
  type ScenarioName,
  startHub,
} from '@hubtrust/hub-sim';
import type { CommandResult } from './commands.js';

/** Where the command writes while it runs, and what stops it. */
export interface HubSimIo {
  write(text: string): void;
  /** Aborted on Ctrl-C (SIGINT/SIGTERM) by the CLI. */
  readonly signal: AbortSignal;
}

export const HUB_SIM_USAGE =
  'hubtrust hub-sim --scenario <name> [--cloud azure|aws] [--key-type rsa|ecdsa] [--hub <name>] [--region <r>] [--seed <s>] [--mqtt-port <n>] [--https-port <n>] [--echo-port <n>] [--json] | --list';

function listScenarios(): string {
  const width = Math.max(...SCENARIO_NAMES.map((n) => n.length));
  const lines = SCENARIO_NAMES.map((name) => {
    const s = SCENARIOS[name];
    return `  ${name.padEnd(width)}  [${s.clouds.join(', ')}] ${s.correctDevice}`;
  });
  return `Scenarios (what a correct device must do):\n${lines.join('\n')}\n`;
}

/** A `--*-port` value: 0 (any free port) when absent, NaN when not a port number. */
function port(value: string | undefined): number {
  const n = Number(value ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : Number.NaN;
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

function parseHubSimArgs(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    options: {
      scenario: { type: 'string' },
      cloud: { type: 'string' },
      'key-type': { type: 'string' },
      hub: { type: 'string' },
      region: { type: 'string' },
      seed: { type: 'string' },
      'mqtt-port': { type: 'string' },
      'https-port': { type: 'string' },
      'echo-port': { type: 'string' },
      json: { type: 'boolean' },
      list: { type: 'boolean' },
    },
    strict: true,
  });
}

/**
 * Runs the command until `io.signal` aborts.
 * @returns exit code 0 after a clean stop, 2 for bad arguments
 */
export async function runHubSim(args: readonly string[], io: HubSimIo): Promise<CommandResult> {
  let parsed: ReturnType<typeof parseHubSimArgs>;
  try {
    parsed = parseHubSimArgs(args);
  } catch (error) {
    return { stdout: `${(error as Error).message}\nusage: ${HUB_SIM_USAGE}\n`, exitCode: 2 };
  }
  const { values } = parsed;
  if (values.list) return { stdout: listScenarios(), exitCode: 0 };
  const scenario = values.scenario ?? 'current';
  if (!SCENARIO_NAMES.includes(scenario as ScenarioName)) {
    return {
      stdout: `unknown scenario "${scenario}"\n${listScenarios()}usage: ${HUB_SIM_USAGE}\n`,
      exitCode: 2,
    };
  }
  const cloud = (values.cloud ?? 'azure') as Cloud;
  if (cloud !== 'azure' && cloud !== 'aws') return { stdout: `--cloud must be azure or aws\n`, exitCode: 2 };
  const keyType = values['key-type'] ?? 'rsa';
  if (keyType !== 'rsa' && keyType !== 'ecdsa')
    return { stdout: `--key-type must be rsa or ecdsa\n`, exitCode: 2 };
  const ports = {
    mqtt: port(values['mqtt-port']),
    https: port(values['https-port']),
    echo: port(values['echo-port']),
  };
  for (const [endpoint, n] of Object.entries(ports)) {
    if (Number.isNaN(n)) return { stdout: `--${endpoint}-port must be a port number\n`, exitCode: 2 };
  }
  const options: HubOptions = {
    scenario: scenario as ScenarioName,
    cloud,
    keyType,
    ...(values.hub ? { hubName: values.hub } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(values.seed ? { seed: values.seed } : {}),
    ports,
  };
  const hub = await startHub(options);
  const dir = mkdtempSync(join(tmpdir(), 'hubtrust-hub-sim-'));
  const caFile = join(dir, 'ca.pem');
  const chainFile = join(dir, 'served-chain.pem');
  writeFileSync(caFile, hub.caPem);
  writeFileSync(chainFile, hub.chainPem);
  const device = hub.devices[0];
  if (values.json) {
    io.write(
      `${JSON.stringify({
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
    io.write(
      [
        `hubtrust hub-sim: scenario "${hub.scenario.name}" (${hub.cloud}), started in ${hub.startupMs} ms`,
        `  serves     ${hub.scenario.serves}`,
        `  hub name   ${hub.hostname}   (TLS servername / SNI)`,
        `  MQTT/TLS   ${hub.host}:${hub.ports.mqtt}`,
        `  HTTPS      ${hub.host}:${hub.ports.https}`,
        `  TLS echo   ${hub.host}:${hub.ports.echo}`,
        `  CA bundle  ${caFile}   (the roots a correct device trusts)`,
        `  chain      ${chainFile}   (what the hub sends)`,
        device ? `  device     ${device.deviceId}, SAS key ${device.primaryKey}` : '',
        `  expect     ${hub.scenario.correctDevice}`,
        'Press Ctrl-C to stop.',
        '',
      ]
        .filter((line) => line !== '')
        .join('\n')
        .concat('\n'),
    );
  }
  const printed = new Set<number>();
  const unsubscribe = hub.onRecord((record) => {
    if (record.endedAt === null || printed.has(record.id)) return;
    printed.add(record.id);
    io.write(values.json ? `${JSON.stringify(record)}\n` : summarize(record));
  });
  if (!io.signal.aborted)
    await new Promise((resolve) => io.signal.addEventListener('abort', resolve, { once: true }));
  unsubscribe();
  await hub.stop();
  return {
    stdout: values.json ? '' : `stopped after ${hub.records.length + hub.droppedRecords} connection(s)\n`,
    exitCode: 0,
  };
}

/** An AbortSignal that fires on the first Ctrl-C (SIGINT) or SIGTERM. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
