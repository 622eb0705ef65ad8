// The whole public surface of @hubtrust/hil.

// ---- failures and exit codes ----
export {
  EXIT_CODES,
  exitCodeOf,
  type FailureKind,
  failureKindOf,
  HilError,
  HilTimeoutError,
  RigFaultError,
  TestFailedError,
} from './errors.js';
// ---- rig inventory ----
export {
  type BoardSelection,
  InventoryError,
  type InventoryIssue,
  loadInventory,
  MAX_INVENTORY_BYTES,
  parseInventory,
  selectBoards,
} from './inventory/load.js';
export { INVENTORY_SCHEMA } from './inventory/schema.js';
export type { BoardSpec, FlasherSpec, FlashImage, Inventory, SerialSpec } from './inventory/types.js';
// ---- board locks ----
export {
  type AcquireOptions,
  BoardBusyError,
  type BoardLock,
  type BoardLockOptions,
  BoardLocks,
  type LockInfo,
} from './lock.js';
export { type PortLister, resolvePortPath } from './port-resolve.js';
