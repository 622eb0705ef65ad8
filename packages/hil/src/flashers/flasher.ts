// What every flasher takes and returns.
import type { BoardSpec } from '../inventory/types.js';
import type { Binding } from '../serial-types.js';

/** Progress of a long flash (bytes written, or steps). */
export interface FlashProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

/** Inputs of one flash. */
export interface FlashContext {
  readonly board: BoardSpec;
  /** The console port, resolved (esptool talks to the ROM through it). */
  readonly portPath: string;
  /** Firmware image (uf2, command) overriding the inventory's `firmware.image`. */
  readonly firmware?: string;
  /** Directory for the flasher's own artifacts (command output, build log). */
  readonly artifactDir: string;
  readonly onProgress?: (progress: FlashProgress) => void;
  /** serialport binding for esptool (default: the platform's). */
  readonly binding?: Binding;
  /** The trust bundle to flash, as C source (native flasher: compiled in; others: already in the image). */
  readonly bundle?: FirmwareBundle;
  /** Where the native flasher caches builds. Default `<tmpdir>/hubtrust-native-board`. */
  readonly cacheDir?: string;
}

/**
 * A trust bundle as firmware carries it: the output of @hubtrust/roots' C writer with symbol
 * prefix `hubtrust_roots` (`hubtrust_roots.h` declaring `hubtrust_roots_der[]`,
 * `hubtrust_roots_der_len[]`, `hubtrust_roots_count`, and the `.c` defining them).
 */
export interface FirmwareBundle {
  /** Name for reports (`baltimore-only`, `azure-2026`). */
  readonly name: string;
  readonly header: string;
  readonly source: string;
}

/** What a flash did. */
export interface FlashResult {
  /** SHA-256 (hex) of what was written: every image, in offset order. */
  readonly firmwareHash: string;
  readonly durationMs: number;
  /** Artifact files the flasher wrote. */
  readonly artifacts: readonly string[];
  /** Flasher-specific facts (chip name, command exit code, ...). */
  readonly detail: Readonly<Record<string, string | number>>;
}
