// Test helper: the simulated rig's pieces in one place — the native board compiled with hub-sim
// test roots, running behind a socat pty, its console open with the real serialport binding.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSasToken, type Hub, loadTestPki } from '@hubtrust/hub-sim';
import { SerialConsole } from '../console/serial-console.js';
import type { FirmwareBundle } from '../flashers/flasher.js';
import { flashNative, NativeBoardProcess } from '../flashers/native.js';
import type { BoardSpec } from '../inventory/types.js';
import { rootsAsC } from './roots-c.js';

/** firmware-fixtures/native-board in this repository. */
export const NATIVE_BOARD_SOURCE = fileURLToPath(
  new URL('../../../../firmware-fixtures/native-board', import.meta.url),
);

/** A bundle of hub-sim test roots by id. */
export async function testBundle(name: string, rootIds: readonly string[]): Promise<FirmwareBundle> {
  const pki = await loadTestPki();
  return rootsAsC(
    name,
    rootIds.map((id) => pki.certificatePem(id)),
  );
}

/** The `connect` command a device would run against `hub` (SAS login of its first device). */
export function connectCommand(hub: Hub, extra = ''): string {
  const device = hub.devices[0];
  if (!device) throw new Error('hub has no SAS device');
  const user = `${hub.hostname}/${device.deviceId}/?api-version=2021-04-12`;
  const pass = createSasToken({
    resourceUri: `${hub.hostname}/devices/${device.deviceId}`,
    key: device.primaryKey,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const enc = (s: string) => encodeURIComponent(s);
  return `connect host=${hub.host} port=${hub.port} name=${hub.hostname} client=${enc(device.deviceId)} user=${enc(user)} pass=${enc(pass)}${extra ? ` ${extra}` : ''}\n`;
}

/** A started native board with its console. */
export interface NativeRig {
  readonly board: NativeBoardProcess;
  readonly console: SerialConsole;
  readonly dir: string;
  stop(): Promise<void>;
}

/** Builds (cached), starts the board and opens its console after the boot banner. */
export async function startNativeRig(bundle: FirmwareBundle): Promise<NativeRig> {
  const dir = mkdtempSync(join(tmpdir(), 'hil-native-'));
  const spec: BoardSpec = {
    id: 'native-test',
    serial: { path: join(dir, 'pty') },
    flasher: { type: 'native', source: NATIVE_BOARD_SOURCE },
    reset: 'native',
  };
  const flashed = await flashNative({ board: spec, portPath: join(dir, 'pty'), artifactDir: dir, bundle });
  const board = new NativeBoardProcess(flashed.binary, join(dir, 'pty'));
  await board.start();
  const console = await SerialConsole.open({
    path: join(dir, 'pty'),
    rawLog: join(dir, 'raw.log'),
    lineLog: join(dir, 'lines.log'),
    bootBanner: /^hubtrust native-board [0-9.]+ boot/,
  });
  return {
    board,
    console,
    dir,
    stop: async () => {
      await console.close();
      await board.stop();
    },
  };
}
