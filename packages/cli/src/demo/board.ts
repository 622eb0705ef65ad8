// Step "board" of the main job: the simulated board of @hubtrust/hil (a native program on
// Debian's mbedTLS 2.28 behind a pty, hil/rigs/sim.yaml) runs a selection of the conformance
// scenarios with the two bundles, through hil's own API (conformanceCases + runHil). Each case
// is judged by hil's three observers — the board's log, hub-sim's connection record and the
// prediction — and passes when they agree.
//
// The selection keeps a second `npm start` well inside two minutes (~0.3-1 s a case once the
// board is compiled; each bundle is compiled once and cached): every trust scenario with the
// recommended set, the unambiguous ones with the 2017 certs.c (a Baltimore-only device refused
// for two reasons at once — an expired leaf *and* an unknown root — is hil's documented
// exceptions file's business, not the demo's), and TLS 1.3-only, which mbedTLS 2.28 cannot speak.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MatrixBundle, Observations, RunReport } from '@hubtrust/hil';
import type { Cloud, ScenarioName } from '@hubtrust/hub-sim';
import type { HandshakeCause } from '@hubtrust/roots';
import type { CommandContext } from '../context.js';
import { InterruptedError } from '../errors.js';
import { startProgress } from '../progress.js';
import { DEVICE_BUNDLES, type TwinBundle } from './bundles.js';

/** Scenarios every bundle runs on the board (when the cloud has them). */
const EVERY_BUNDLE: readonly ScenarioName[] = [
  'current',
  'legacy-baltimore',
  'rotated-root',
  'untrusted-root',
  'missing-intermediate',
  'tls13-only',
];
/** Scenarios only the recommended set runs: the chain fails for one reason only there. */
const RECOMMENDED_ONLY: readonly ScenarioName[] = [
  'expired-leaf',
  'not-yet-valid',
  'wrong-host',
  'sha1-signed',
];

/** hil's names of the demo bundles (its conformance suite uses the same). */
const HIL_BUNDLE: Readonly<Record<string, Readonly<Partial<Record<Cloud, string>>>>> = {
  'azure-c-sdk-2017': { azure: 'baltimore-only', aws: 'baltimore-only' },
  recommended: { azure: 'azure-rsa', aws: 'aws' },
};

/** One board case, as the demo shows it. */
export interface BoardCase {
  cloud: Cloud;
  scenario: ScenarioName;
  /** DEVICE_BUNDLES id. */
  bundle: string;
  /** hil's case status: `passed` means the three observers agree. */
  status: string;
  board: { cause: HandshakeCause; detail: string } | null;
  hub: string | null;
  prediction: { cause: HandshakeCause; source: string } | null;
  message: string | null;
}

/** The board step's outcome. */
export interface BoardRun {
  rig: string;
  cases: BoardCase[];
  durationMs: number;
  /** hil's exit code: 0 all agree, 1 a disagreement or crash, 2 rig fault, 3 timeout. */
  exitCode: number;
}

/** Options of {@link runBoard}. */
export interface BoardOptions {
  /** The rig inventory (hil/rigs/sim.yaml). */
  rig: string;
  /** The bundles as twins, per cloud (twinBundles), in the order the clouds are shown. */
  bundles: readonly TwinBundle[];
  scenarios?: readonly ScenarioName[];
}

/** The scenarios a bundle runs on the board. */
export function boardScenarios(bundle: string, only?: readonly ScenarioName[]): ScenarioName[] {
  const list = bundle === 'recommended' ? [...EVERY_BUNDLE, ...RECOMMENDED_ONLY] : [...EVERY_BUNDLE];
  return only ? list.filter((s) => only.includes(s)) : list;
}

/**
 * Runs the board cases. The board, its pty and its lock are gone when this returns or throws;
 * the run's artifacts (console logs, reports) go to a temporary folder removed afterwards.
 * @throws InterruptedError on Ctrl-C; hil's errors when the rig cannot start (inventory, lock)
 */
export async function runBoard(options: BoardOptions, ctx: CommandContext): Promise<BoardRun> {
  const hil = await import('@hubtrust/hil');
  const { SCENARIO_NAMES, SCENARIOS } = await import('@hubtrust/hub-sim');
  const bundles = options.bundles.map((b) => {
    const name = HIL_BUNDLE[b.id]?.[b.cloud] ?? b.id;
    const matrix: MatrixBundle = {
      name,
      cloud: b.cloud,
      rootsPem: b.rootsPem,
      firmware: hil.firmwareBundle(name, b.rootsPem),
    };
    return { id: b.id, matrix };
  });
  const cases = bundles.flatMap(({ id, matrix }) =>
    hil.conformanceCases({
      bundles: [matrix],
      scenarios: boardScenarios(id, options.scenarios).filter((s) =>
        SCENARIOS[s].clouds.includes(matrix.cloud),
      ),
    }),
  );
  ctx.io.stderr.write(
    ctx.err.dim(
      `hubtrust demo: the simulated board (${options.rig}) runs ${cases.length} cases; a first run compiles it once per bundle (cached after)\n`,
    ),
  );
  const out = mkdtempSync(join(tmpdir(), 'hubtrust-demo-board-'));
  const progress = startProgress(ctx.io, 'simulated board', cases.length);
  let report: RunReport;
  try {
    report = await hil.runHil({
      inventory: options.rig,
      suites: [hil.defineSuite({ name: 'demo', cases: () => cases })],
      outDir: out,
      lockWaitMs: 60_000,
      signal: ctx.io.signal,
      progress: {
        caseStarted: () => {},
        caseFinished: (r) => {
          const o = r.facts.observers as Observations | undefined;
          progress.tick(`${r.id.replace(/^demo\//, '')}: ${o?.board.cause ?? r.status}`);
        },
        flashProgress: () => {},
        note: () => {},
        done: () => {},
      },
    });
  } catch (error) {
    if (ctx.io.signal.aborted) throw new InterruptedError();
    throw error;
  } finally {
    progress.stop();
    rmSync(out, { recursive: true, force: true });
  }
  const idOf = new Map(bundles.map((b) => [`${b.matrix.cloud}/${b.matrix.name}`, b.id]));
  // In the order of the scenario matrix: clouds as given, scenarios as hub-sim lists them, bundles.
  const clouds = [...new Set(options.bundles.map((b) => b.cloud))];
  const rank = (c: BoardCase) =>
    clouds.indexOf(c.cloud) * 10_000 +
    SCENARIO_NAMES.indexOf(c.scenario) * 100 +
    DEVICE_BUNDLES.findIndex((b) => b.id === c.bundle);
  return {
    rig: options.rig,
    durationMs: report.durationMs,
    exitCode: report.exitCode,
    cases: report.results
      .map((r): BoardCase => {
        const [cloud, name, scenario] = r.id.replace(/^demo\//, '').split('/') as [
          Cloud,
          string,
          ScenarioName,
        ];
        const o = r.facts.observers as Observations | undefined;
        return {
          cloud,
          scenario,
          bundle: idOf.get(`${cloud}/${name}`) ?? name,
          status: r.status,
          board: o ? { cause: o.board.cause as HandshakeCause, detail: o.board.detail } : null,
          hub: o?.hub.summary ?? null,
          prediction: o ? { cause: o.prediction.cause as HandshakeCause, source: o.prediction.source } : null,
          message: r.message,
        };
      })
      .sort((a, b) => rank(a) - rank(b)),
  };
}
