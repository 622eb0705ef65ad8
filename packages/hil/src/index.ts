// The whole public surface of @hubtrust/hil.

// ---- conformance matrix (three observers) ----
export {
  type BoardLogReader,
  type BoardVerdict,
  type BoardVerdictObserver,
  boardVerdict,
  logsObserver,
  verdictOf,
} from './conformance/board-verdict.js';
export {
  type ConnectExtras,
  connectCommand,
  type DialOptions,
  RESULT_LINE,
} from './conformance/device-commands.js';
export { type ConformanceException, readExceptions } from './conformance/exceptions.js';
export { type FaultMode, type FaultProxy, startFaultProxy } from './conformance/fault-proxy.js';
export { type HubVerdict, hubVerdict } from './conformance/hub-verdict.js';
export {
  conformanceCases,
  type MatrixBundle,
  type MatrixOptions,
  type Observations,
} from './conformance/matrix.js';
export {
  type DeviceModel,
  NATIVE_BOARD,
  type Prediction,
  predictOutcome,
  type TlsVersion,
} from './conformance/prediction.js';
export { type RealBundle, twinBundle } from './conformance/twin-bundle.js';
// ---- serial console ----
export { type DecodeOptions, decodeBacktrace } from './console/backtrace.js';
export { CrashDetector, type CrashKind, type CrashReport, MAX_CRASH_LINES } from './console/crash.js';
export {
  type ConsoleLine,
  cleanLine,
  LineAssembler,
  type LineAssemblerOptions,
} from './console/line-assembler.js';
export {
  DeviceCrashError,
  type ExpectMatch,
  type ExpectOptions,
  type Pattern,
  SerialConsole,
  type SerialConsoleOptions,
} from './console/serial-console.js';
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
export { firmwareBundle } from './flashers/bundle.js';
// ---- flashers ----
export { fileHash, flashCommand } from './flashers/command.js';
export {
  CHIP_DETECT_MAGIC_REG,
  CHIP_MAGIC,
  ESP_CMD,
  ESP_ROM_ERRORS,
  MAX_FRAME,
  ROM_FLASH_BLOCK,
  SlipReader,
  slipEncode,
} from './flashers/esp-protocol.js';
export { type EspLoaderOptions, EspRomLoader, flashEsptool } from './flashers/esptool.js';
export type { FirmwareBundle, FlashContext, FlashProgress, FlashResult } from './flashers/flasher.js';
export { buildNativeBoard, flashNative, NativeBoardProcess, type NativeBuild } from './flashers/native.js';
export { flashUf2 } from './flashers/uf2.js';
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
// ---- reset strategies ----
export {
  MAX_RESET_STEPS,
  parseResetSequence,
  playReset,
  RESET_PRESETS,
  type ResetStep,
  type ResetStrategy,
  resetStrategy,
  type SignalTarget,
} from './reset.js';
export { type CommandResult, fillTemplate, type RunCommandOptions, runCommand } from './run-command.js';
// ---- runner ----
export { HIL_ARGS, type HilArg, main, type ParsedHilArgs, parseHilArgs } from './runner/args.js';
export { BoardSession, type BoardSessionOptions } from './runner/board-session.js';
export { junitXml } from './runner/junit.js';
export { type PlannedCase, type PlanOptions, parseShard, planRun, type Shard } from './runner/plan.js';
export { type ProgressSink, terminalProgress } from './runner/progress.js';
export { type CaseResult, type CaseStatus, exitCodeOfResults, type RunReport } from './runner/results.js';
export {
  type ListedCase,
  listHil,
  loadSuites,
  type RunHilOptions,
  readQuarantine,
  runHil,
} from './runner/run.js';
export { type BoardFixture, defineSuite, type HilCase, type HilSuite } from './runner/suite.js';
export type { Binding, BindingPort, PortInfo, SetOptions } from './serial-types.js';
