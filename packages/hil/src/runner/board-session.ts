// One board during a run: flashes it with the bundle a case needs (only when it changes), starts
// it (native) or resets it, keeps its console open across cases, and recovers after a rig fault
// or a crash (restart, power cycle when the inventory has power commands, reset otherwise).
import { join } from 'node:path';
import { SerialConsole } from '../console/serial-console.js';
import { RigFaultError } from '../errors.js';
import { flashCommand } from '../flashers/command.js';
import { flashEsptool } from '../flashers/esptool.js';
import type { FirmwareBundle, FlashProgress, FlashResult } from '../flashers/flasher.js';
import { flashNative, NativeBoardProcess } from '../flashers/native.js';
import { flashUf2 } from '../flashers/uf2.js';
import type { BoardSpec } from '../inventory/types.js';
import { type PortLister, resolvePortPath } from '../port-resolve.js';
import { playReset, resetStrategy } from '../reset.js';
import { fillTemplate, runCommand } from '../run-command.js';
import type { Binding } from '../serial-types.js';

/** Options of {@link BoardSession}. */
export interface BoardSessionOptions {
  readonly outDir: string;
  readonly binding?: Binding;
  readonly list?: PortLister;
  readonly cacheDir?: string;
  /** Firmware image for physical boards (overrides the inventory). */
  readonly firmware?: string;
  readonly onFlashProgress?: (p: FlashProgress) => void;
}

/** A board being driven by the runner. */
export class BoardSession {
  console: SerialConsole | null = null;
  private native: NativeBoardProcess | null = null;
  private flashedBundle: FirmwareBundle | null | undefined = undefined;
  firmwareHash = '';
  /** Set after a crash or rig fault: the next case starts from a fresh boot. */
  dirty = false;

  constructor(
    readonly spec: BoardSpec,
    private readonly options: BoardSessionOptions,
  ) {}

  /** Source of the bundle the board was last flashed with (null: none), undefined before the first flash. */
  get bundleSource(): string | null | undefined {
    return this.flashedBundle === undefined ? undefined : (this.flashedBundle?.source ?? null);
  }

  private get bootBanner(): RegExp | undefined {
    return this.spec.firmware?.bootBanner ? new RegExp(this.spec.firmware.bootBanner) : undefined;
  }

  private async portPath(): Promise<string> {
    const { SerialPort } = await import('serialport');
    return resolvePortPath(this.spec.serial, this.options.list ?? (() => SerialPort.list()));
  }

  private async openConsole(artifactDir: string): Promise<SerialConsole> {
    const con = await SerialConsole.open({
      path: this.spec.serial.path ?? (() => this.portPath()),
      baudRate: this.spec.serial.baud ?? 115_200,
      ...(this.options.binding ? { binding: this.options.binding } : {}),
      ...(this.bootBanner ? { bootBanner: this.bootBanner } : {}),
      ...(this.spec.firmware?.elf ? { elf: this.spec.firmware.elf } : {}),
      ...(this.spec.toolchain?.addr2line ? { addr2line: this.spec.toolchain.addr2line } : {}),
      ...(this.spec.timeouts?.reconnectMs ? { reconnectMs: this.spec.timeouts.reconnectMs } : {}),
      rawLog: join(artifactDir, 'raw.log'),
      lineLog: join(artifactDir, 'lines.log'),
    });
    this.console = con;
    return con;
  }

  /** Waits for the boot banner (when the board has one), then arms reset detection. */
  private async awaitBoot(con: SerialConsole): Promise<void> {
    if (this.bootBanner) {
      con.disarmResetDetection();
      await con.expect(this.bootBanner, { timeout: this.spec.timeouts?.bootMs ?? 15_000 });
    }
    con.armResetDetection();
  }

  private async flash(bundle: FirmwareBundle | null, artifactDir: string): Promise<FlashResult> {
    const ctx = {
      board: this.spec,
      portPath: this.spec.flasher.type === 'native' ? (this.spec.serial.path ?? '') : await this.portPath(),
      artifactDir,
      ...(this.options.firmware ? { firmware: this.options.firmware } : {}),
      ...(bundle ? { bundle } : {}),
      ...(this.options.binding ? { binding: this.options.binding } : {}),
      ...(this.options.cacheDir ? { cacheDir: this.options.cacheDir } : {}),
      ...(this.options.onFlashProgress ? { onProgress: this.options.onFlashProgress } : {}),
    };
    switch (this.spec.flasher.type) {
      case 'native': {
        const result = await flashNative(ctx);
        this.native = new NativeBoardProcess(result.binary, this.spec.serial.path ?? '');
        return result;
      }
      case 'esptool':
        return flashEsptool(ctx);
      case 'uf2':
        return flashUf2(ctx);
      case 'command':
        return flashCommand(ctx);
    }
  }

  /**
   * Makes the board run `bundle` with its console open on `artifactDir`'s logs.
   * @throws RigFaultError (flash, port, power) or HilTimeoutError (no boot banner).
   */
  async prepare(bundle: FirmwareBundle | null, artifactDir: string): Promise<SerialConsole> {
    if (this.flashedBundle === undefined || (bundle && this.flashedBundle?.source !== bundle.source)) {
      await this.shutdown();
      const result = await this.flash(bundle, artifactDir);
      this.firmwareHash = result.firmwareHash;
      this.flashedBundle = bundle;
      this.dirty = true;
    }
    if (this.dirty) {
      await this.restart(artifactDir);
      this.dirty = false;
    } else if (this.console) {
      await this.console.rotateArtifacts({
        rawLog: join(artifactDir, 'raw.log'),
        lineLog: join(artifactDir, 'lines.log'),
      });
    }
    if (!this.console) throw new RigFaultError(`board "${this.spec.id}": console not open`);
    return this.console;
  }

  /** A fresh boot: native restart, else the run reset; the console reopened and the banner awaited. */
  private async restart(artifactDir: string): Promise<void> {
    await this.console?.close();
    this.console = null;
    if (this.native) {
      await this.native.restart();
      await this.awaitBoot(await this.openConsole(artifactDir)); // wait-slave: opening starts the board
      return;
    }
    const con = await this.openConsole(artifactDir);
    const strategy = resetStrategy(this.spec.reset);
    if (strategy.run.length > 0) {
      con.disarmResetDetection();
      await playReset(con, strategy.run);
      await this.awaitBoot(con);
    } else con.armResetDetection();
  }

  /** Power-cycles the board with the inventory's commands. @returns false when it has none. */
  async powerCycle(artifactDir: string): Promise<boolean> {
    const power = this.spec.power;
    if (!power) return false;
    const values = {
      board: this.spec.id,
      serialNumber: this.spec.serial.serialNumber,
      port: this.spec.serial.path,
    };
    const outputFile = join(artifactDir, 'power.log');
    await runCommand(fillTemplate(power.off, values), {
      timeoutMs: power.timeoutMs ?? 30_000,
      outputFile,
      what: 'power off',
    });
    await new Promise((r) => setTimeout(r, power.offMs ?? 1000));
    await runCommand(fillTemplate(power.on, values), {
      timeoutMs: power.timeoutMs ?? 30_000,
      outputFile,
      what: 'power on',
    });
    return true;
  }

  /** After a rig fault: power-cycle if possible; the next prepare() boots afresh. */
  async recover(artifactDir: string): Promise<void> {
    await this.console?.close();
    this.console = null;
    if (!this.native) await this.powerCycle(artifactDir).catch(() => false);
    this.dirty = true;
  }

  /** Closes the console and stops a native board. */
  async shutdown(): Promise<void> {
    await this.console?.close();
    this.console = null;
    await this.native?.stop();
  }
}
