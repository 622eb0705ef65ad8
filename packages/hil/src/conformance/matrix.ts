// The conformance matrix: every hub-sim scenario of a cloud × every trust bundle, each case
// judged by three observers that must agree:
//   1. the board's verdict, read from its serial log by @hubtrust/logs' streaming classifier
//      (logsObserver),
//   2. hub-sim's connection record (hubVerdict: the causes the record allows),
//   3. the prediction (predictOutcome: verify's device profile for the chain, the scenario's
//      `expected` for protocol and record-size scenarios, the device's build limits on top).
// A `network` verdict is never a trust finding: it is a rig fault (the simulated network failed)
// and the runner retries it. Disagreements fail the case unless listed in the exceptions file;
// a listed exception that does not happen fails it too.
import {
  type Cloud,
  type ConnectionRecord,
  SCENARIO_NAMES,
  SCENARIOS,
  type ScenarioName,
  startHub,
} from '@hubtrust/hub-sim';
import { RigFaultError, TestFailedError } from '../errors.js';
import type { FirmwareBundle } from '../flashers/flasher.js';
import type { HilCase } from '../runner/suite.js';
import { type BoardVerdict, type BoardVerdictObserver, logsObserver } from './board-verdict.js';
import { type ConnectExtras, connectCommand, type DialOptions, RESULT_LINE } from './device-commands.js';
import type { ConformanceException } from './exceptions.js';
import { hubVerdict } from './hub-verdict.js';
import { type DeviceModel, NATIVE_BOARD, predictOutcome } from './prediction.js';

/** A trust bundle of the matrix. */
export interface MatrixBundle {
  /** `baltimore-only`, `azure-recommended`, ... */
  readonly name: string;
  /** The cloud whose scenarios it is tested against. */
  readonly cloud: Cloud;
  /** The roots (PEM each) as the prediction sees them. */
  readonly rootsPem: readonly string[];
  /** The same roots as firmware C source. */
  readonly firmware: FirmwareBundle;
  /** How the real bundle maps to hub-sim's twins, one line per certificate (twinBundle). */
  readonly twins?: readonly string[];
}

/** Options of {@link conformanceCases}. */
export interface MatrixOptions {
  readonly bundles: readonly MatrixBundle[];
  /** Default: every scenario the bundle's cloud has. */
  readonly scenarios?: readonly ScenarioName[];
  readonly exceptions?: readonly ConformanceException[];
  readonly observer?: BoardVerdictObserver;
  readonly device?: DeviceModel;
  /** Appended to case ids (`<cloud>/<bundle>/<variant>/<scenario>`) when one suite runs several device variants. */
  readonly variant?: string;
  /** Board tags the cases need. Default none. */
  readonly tags?: readonly string[];
  /** Extra connect options for every case. */
  readonly extras?: ConnectExtras;
  /** hub-sim listen address (a LAN rig) and what the board dials. Default loopback. */
  readonly listenHost?: string;
  readonly dial?: DialOptions;
  /** Per-case deadline for the board's result line. Default 30 s. */
  readonly handshakeMs?: number;
}

/** The three observations of one case (recorded in the report as `observers`). */
export interface Observations {
  readonly board: {
    readonly cause: string;
    readonly detail: string;
    readonly confidence: string;
    readonly observer: string;
    readonly evidence: readonly string[];
  };
  readonly hub: { readonly causes: readonly string[]; readonly summary: string };
  readonly prediction: { readonly cause: string; readonly detail: string; readonly source: string };
  readonly disagreements: readonly string[];
  readonly excused: readonly string[];
}

async function recordOf(hub: Awaited<ReturnType<typeof startHub>>): Promise<ConnectionRecord | null> {
  try {
    return await hub.waitForRecord((r) => r.endpoint === 'mqtt' && r.endedAt !== null, 3000);
  } catch {
    return hub.records.find((r) => r.endpoint === 'mqtt') ?? null;
  }
}

/**
 * mbedTLS debug level the probe firmware prints at (`debug=` of the connect command). Level 2
 * prints the handshake state machine (`=> parse server hello`, `client state: N`); at level 1 a
 * fatal handshake_failure alert shows no stage, so a log cannot tell a refused ClientHello
 * (protocol_mismatch) from a refused client certificate, and @hubtrust/logs answers the latter at
 * low confidence (its documented default).
 */
const MATRIX_DEBUG_LEVEL = 2;

/** The connect options a device model implies: its input buffer, its MFL offer, the SUBSCRIBE of record-size scenarios. */
function extrasFor(
  hub: Awaited<ReturnType<typeof startHub>>,
  device: DeviceModel,
  extras: ConnectExtras = {},
): ConnectExtras {
  const deviceId = hub.devices[0]?.deviceId ?? 'hubtrust-device-1';
  return {
    debug: MATRIX_DEBUG_LEVEL,
    ...(device.inputBuffer < 16384 ? { inbuf: device.inputBuffer } : {}),
    ...(device.maxFragmentLength ? { mfl: device.maxFragmentLength } : {}),
    // Record-size scenarios publish their large message once the device subscribes.
    ...(hub.largeMessageBytes !== null ? { subscribe: `devices/${deviceId}/messages/devicebound/#` } : {}),
    ...extras,
  };
}

/** The matrix as runner cases, ids `<cloud>/<bundle>/[<variant>/]<scenario>`. */
export function conformanceCases(options: MatrixOptions): HilCase[] {
  const observer = options.observer ?? logsObserver;
  const device = options.device ?? NATIVE_BOARD;
  const cases: HilCase[] = [];
  for (const bundle of options.bundles) {
    for (const scenario of options.scenarios ?? SCENARIO_NAMES) {
      if (!SCENARIOS[scenario].clouds.includes(bundle.cloud)) continue;
      const id = `${bundle.cloud}/${bundle.name}/${options.variant ? `${options.variant}/` : ''}${scenario}`;
      const excused = (options.exceptions ?? []).filter((e) => e.case === id);
      cases.push({
        id,
        bundle: bundle.firmware,
        ...(options.tags ? { tags: options.tags } : {}),
        timeoutMs: (options.handshakeMs ?? 30_000) + 15_000,
        run: async (board) => {
          const hub = await startHub({
            scenario,
            cloud: bundle.cloud,
            ...(options.listenHost ? { listenHost: options.listenHost } : {}),
          });
          try {
            const reader = observer.watch(board.console);
            let seen: BoardVerdict;
            try {
              await board.console.write(
                connectCommand(hub, extrasFor(hub, device, options.extras), options.dial),
              );
              await board.console.expect(RESULT_LINE, { timeout: options.handshakeMs ?? 30_000 });
            } finally {
              seen = reader.end();
            }
            const hv = hubVerdict(await recordOf(hub));
            const prediction = await predictOutcome(hub, bundle.rootsPem, device);
            const found: { observer: 'hub' | 'prediction'; text: string }[] = [];
            if (!hv.causes.includes(seen.cause))
              found.push({
                observer: 'hub',
                text: `board says ${seen.cause}, hub record (${hv.summary}) allows ${hv.causes.join('|')}`,
              });
            if (prediction.cause !== seen.cause)
              found.push({
                observer: 'prediction',
                text: `board says ${seen.cause} (${seen.detail}), ${prediction.source} predicts ${prediction.cause} (${prediction.detail})`,
              });
            const excusedNow = found.filter((f) => excused.some((e) => e.observer === f.observer));
            const observations: Observations = {
              board: {
                cause: seen.cause,
                detail: seen.detail,
                confidence: seen.confidence,
                observer: observer.name,
                evidence: seen.evidence,
              },
              hub: { causes: hv.causes, summary: hv.summary },
              prediction: { cause: prediction.cause, detail: prediction.detail, source: prediction.source },
              disagreements: found.map((f) => f.text),
              excused: excusedNow.map((f) => f.text),
            };
            board.record('observers', observations);
            if (seen.cause === 'network')
              throw new RigFaultError(`network failure on the rig, not a trust verdict: ${seen.detail}`);
            const unexcused = found.filter((f) => !excusedNow.includes(f));
            const stale = excused.filter((e) => !found.some((f) => f.observer === e.observer));
            if (unexcused.length > 0 || stale.length > 0) {
              throw new TestFailedError(
                [
                  ...unexcused.map((f) => `disagreement: ${f.text}`),
                  ...stale.map(
                    (e) =>
                      `stale exception (${e.observer}): the observers now agree; remove it from the exceptions file`,
                  ),
                ].join('\n'),
              );
            }
          } finally {
            await hub.stop();
          }
        },
      });
    }
  }
  return cases;
}
