// The TypeScript view of a validated inventory (./schema.ts is the authority).

/** Where a board's console is. */
export interface SerialSpec {
  readonly path?: string;
  readonly serialNumber?: string;
  readonly vendorId?: string;
  readonly productId?: string;
  /** Console baud rate (default 115200). */
  readonly baud?: number;
}

/** One image written by the esptool flasher. */
export interface FlashImage {
  readonly offset: number;
  readonly file: string;
}

/** How a board is flashed. */
export type FlasherSpec =
  | {
      readonly type: 'esptool';
      readonly chip?: string;
      readonly baud?: number;
      readonly images?: readonly FlashImage[];
      readonly timeoutMs?: number;
    }
  | {
      readonly type: 'uf2';
      readonly drive: string;
      readonly enterBootloader?: readonly string[];
      readonly timeoutMs?: number;
    }
  | { readonly type: 'command'; readonly command: readonly string[]; readonly timeoutMs?: number }
  | { readonly type: 'native'; readonly source?: string; readonly cc?: string; readonly timeoutMs?: number };

/** A board of the rig. */
export interface BoardSpec {
  readonly id: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  /**
   * Boards of one pool are interchangeable (same hardware, probe firmware and network): a run
   * gives each case to one of them, whichever is free, instead of running it on every board.
   */
  readonly pool?: string;
  readonly serial: SerialSpec;
  readonly flasher: FlasherSpec;
  /** A preset name or a `D0|R1|W100` sequence (see reset.ts). */
  readonly reset?: string;
  readonly firmware?: { readonly image?: string; readonly elf?: string; readonly bootBanner?: string };
  readonly toolchain?: { readonly addr2line?: string };
  readonly power?: {
    readonly off: readonly string[];
    readonly on: readonly string[];
    readonly offMs?: number;
    readonly timeoutMs?: number;
  };
  readonly timeouts?: {
    readonly bootMs?: number;
    readonly handshakeMs?: number;
    readonly flashMs?: number;
    /** How long the console waits for a vanished port to come back (default 10 s). */
    readonly reconnectMs?: number;
  };
}

/** A validated inventory; relative paths are already resolved against the file's directory. */
export interface Inventory {
  readonly version: 1;
  readonly rig?: string;
  readonly lockDir?: string;
  readonly boards: readonly BoardSpec[];
  /** The file it was read from (or the name given to {@link parseInventory}). */
  readonly file: string;
}
