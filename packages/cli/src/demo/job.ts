// The main job (`npm start` = `hubtrust demo`): start hub-sim for every conformance scenario of
// Azure IoT Hub and AWS IoT Core, check each served chain as an mbedTLS 2.28 device (correct, and
// carrying each of the two bundles), run the simulated board on a selection of them, build the
// timelines and write the HTML report. Steps, in order: scenarios.ts, board.ts, then the
// timelines — readiness over cloud-profile changes (@hubtrust/roots, issue 14) replaces
// `validityTimeline`, the one function that builds a cloud's timeline.
import type { Cloud, ScenarioName } from '@hubtrust/hub-sim';
import { buildTimeline, type CertificateSummary, type Timeline } from '@hubtrust/report';
import { init } from '@hubtrust/verify';
import type { CommandContext } from '../context.js';
import { InterruptedError } from '../errors.js';
import { startProgress } from '../progress.js';
import { type BoardRun, runBoard } from './board.js';
import { DEVICE_BUNDLES, twinBundles } from './bundles.js';
import { type DemoReadiness, demoReadiness } from './readiness.js';
import { checkScenario, type ScenarioResult } from './scenarios.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  clouds: readonly Cloud[];
  /** Only these scenarios (default: all of each cloud). */
  scenarios?: readonly ScenarioName[];
  at: Date;
  horizon: Date;
  /** The simulated board's rig inventory, or null to skip the board. */
  rig: string | null;
}

/** What the job found. */
export interface DemoResult {
  results: ScenarioResult[];
  /** The simulated board's run; null when skipped. */
  board: BoardRun | null;
  timelines: { cloud: Cloud; timeline: Timeline }[];
  /** When each bundle stops connecting to each cloud (readiness over time). */
  readiness: DemoReadiness[];
  /** Scenarios whose predicted cause differs from hub-sim's expectation. */
  disagreements: ScenarioResult[];
  elapsedMs: number;
}

/** The validity timeline of one cloud: the intermediates `current` serves, then each bundle's roots. */
function validityTimeline(
  cloud: Cloud,
  results: readonly ScenarioResult[],
  at: Date,
  horizon: Date,
): Timeline | undefined {
  const current = results.find((r) => r.cloud === cloud && r.scenario === 'current');
  if (!current) return undefined;
  const served: CertificateSummary[] = current.chain.slice(1);
  return buildTimeline({
    groups: [
      {
        name: `served by the ${cloud === 'azure' ? 'Azure IoT Hub' : 'AWS IoT Core'} twin ("current")`,
        certificates: served,
      },
      ...current.bundles.map((b) => ({
        name: `device bundle: ${DEVICE_BUNDLES.find((d) => d.id === b.bundle)?.title ?? b.bundle}`,
        certificates: b.roots,
      })),
    ],
    at,
    horizon,
  });
}

/**
 * Runs the job. Every hub it starts is stopped before it returns or throws.
 * @throws InterruptedError when `ctx.io.signal` aborts (Ctrl-C)
 */
export async function runDemo(options: DemoOptions, ctx: CommandContext): Promise<DemoResult> {
  const started = performance.now();
  const { SCENARIO_NAMES, SCENARIOS, startHub } = await import('@hubtrust/hub-sim');
  await init();
  const cases = options.clouds.flatMap((cloud) =>
    SCENARIO_NAMES.filter((s) => SCENARIOS[s].clouds.includes(cloud))
      .filter((s) => !options.scenarios || options.scenarios.includes(s))
      .map((scenario) => ({ cloud, scenario })),
  );
  const twins = await twinBundles(options.clouds);
  const progress = startProgress(ctx.io, 'hub-sim scenarios', cases.length);
  const results: ScenarioResult[] = [];
  try {
    for (const { cloud, scenario } of cases) {
      if (ctx.io.signal.aborted) throw new InterruptedError();
      const hub = await startHub({ scenario, cloud });
      try {
        const bundles = twins.filter((t) => t.cloud === cloud);
        results.push(await checkScenario(hub, bundles, options.at, ctx.io.signal));
      } finally {
        await hub.stop();
      }
      progress.tick(`${cloud} ${scenario}`);
    }
  } finally {
    progress.stop();
  }
  const board = options.rig
    ? await runBoard(
        {
          rig: options.rig,
          bundles: twins,
          ...(options.scenarios ? { scenarios: options.scenarios } : {}),
        },
        ctx,
      )
    : null;
  const timelines = options.clouds.flatMap((cloud) => {
    const timeline = validityTimeline(cloud, results, options.at, options.horizon);
    return timeline ? [{ cloud, timeline }] : [];
  });
  return {
    results,
    board,
    timelines,
    readiness: demoReadiness(options.clouds, options.at, options.horizon),
    disagreements: results.filter((r) => r.agrees === false),
    elapsedMs: Math.round(performance.now() - started),
  };
}
