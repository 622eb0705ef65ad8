// Test helper: the simulated rig's pieces in one place — the native board compiled with hub-sim
// test roots, running behind a socat pty, its console open with the real serialport binding.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestPki } from '@hubtrust/hub-sim';
import { SerialConsole } from '../console/serial-console.js';
import { firmwareBundle } from '../flashers/bundle.js';
import type { FirmwareBundle } from '../flashers/flasher.js';
import { flashNative, NativeBoardProcess } from '../flashers/native.js';
import type { BoardSpec } from '../inventory/types.js';

/** firmware-fixtures/native-board in this repository. */
export const NATIVE_BOARD_SOURCE = fileURLToPath(
  new URL('../../../../firmware-fixtures/native-board', import.meta.url),
);

/** A bundle of hub-sim test roots by id. */
export async function testBundle(name: string, rootIds: readonly string[]): Promise<FirmwareBundle> {
  const pki = await loadTestPki();
  return firmwareBundle(
    name,
    rootIds.map((id) => pki.certificatePem(id)),
  );
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
