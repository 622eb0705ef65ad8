// The console commands of the HIL probe firmware (the native board implements them; a physical
// board's probe firmware must too, see hil/README.md, "Probe firmware").
import { createSasToken, type Hub } from '@hubtrust/hub-sim';

/** Extra `connect` options (board.c documents them). */
export interface ConnectExtras {
  readonly clock?: 'unset' | 'now';
  readonly heap?: number;
  readonly inbuf?: number;
  readonly mfl?: 512 | 1024 | 2048 | 4096;
  readonly suites?: 'modern' | 'library';
  /** SUBSCRIBE to this filter after CONNACK and read the first PUBLISH (record-size scenarios). */
  readonly subscribe?: string;
  readonly debug?: number;
  readonly timeoutMs?: number;
}

/** The address the board dials, when it is not the hub's listen address (a LAN rig). */
export interface DialOptions {
  readonly host?: string;
  readonly port?: number;
}

/**
 * The `connect` line for `hub`, logging in over MQTT as the hub's first SAS device (Azure).
 * @throws Error when the hub has no SAS device.
 */
export function connectCommand(hub: Hub, extras: ConnectExtras = {}, dial: DialOptions = {}): string {
  const device = hub.devices[0];
  if (!device) throw new Error('hub has no SAS device');
  const user = `${hub.hostname}/${device.deviceId}/?api-version=2021-04-12`;
  const pass = createSasToken({
    resourceUri: `${hub.hostname}/devices/${device.deviceId}`,
    key: device.primaryKey,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const enc = encodeURIComponent;
  const parts = [
    'connect',
    `host=${enc(dial.host ?? hub.host)}`,
    `port=${dial.port ?? hub.port}`,
    `name=${enc(hub.hostname)}`,
    `client=${enc(device.deviceId)}`,
    `user=${enc(user)}`,
    `pass=${enc(pass)}`,
    ...(extras.clock ? [`clock=${extras.clock}`] : []),
    ...(extras.heap !== undefined ? [`heap=${extras.heap}`] : []),
    ...(extras.inbuf !== undefined ? [`inbuf=${extras.inbuf}`] : []),
    ...(extras.mfl !== undefined ? [`mfl=${extras.mfl}`] : []),
    ...(extras.suites ? [`suites=${extras.suites}`] : []),
    ...(extras.subscribe ? [`sub=${enc(extras.subscribe)}`] : []),
    ...(extras.debug !== undefined ? [`debug=${extras.debug}`] : []),
    ...(extras.timeoutMs !== undefined ? [`timeout=${extras.timeoutMs}`] : []),
  ];
  return `${parts.join(' ')}\n`;
}

/** The line every attempt ends with. */
export const RESULT_LINE = /^hubtrust: result /;
