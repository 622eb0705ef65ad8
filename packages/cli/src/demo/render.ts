// The main job's outputs: the scenario matrix as text, the JSON document (schemas/demo.v1), and
// the sections of the HTML report.

import type { Cloud } from '@hubtrust/hub-sim';
import { chainSection, escapeXml, type ReportSection, timelineSection } from '@hubtrust/report';
import type { Styles } from '../io.js';
import { timelineText } from '../render-timeline.js';
import type { BoardCase, BoardRun } from './board.js';
import { DEVICE_BUNDLES } from './bundles.js';
import type { DemoResult } from './job.js';
import { DEMO_PROFILE } from './prediction.js';
import { readinessHtmlSections, readinessJson, readinessText } from './readiness.js';
import type { ScenarioResult } from './scenarios.js';

/** Version of the `demo --json` shape (schemas/demo.v1.schema.json). */
export const DEMO_SCHEMA_VERSION = 1;

const CLOUD_TITLE: Readonly<Partial<Record<Cloud, string>>> = { azure: 'Azure IoT Hub', aws: 'AWS IoT Core' };
const cloudTitle = (cloud: Cloud): string => CLOUD_TITLE[cloud] ?? cloud;

function servedText(r: ScenarioResult): string {
  return r.handshake.ok
    ? `${r.handshake.protocol}, ${r.chain.length} cert${r.chain.length === 1 ? '' : 's'}`
    : 'refused';
}

function verdictCell(r: ScenarioResult, bundle: string, s: Styles, width: number): string {
  const check = r.bundles.find((b) => b.bundle === bundle);
  if (!check) return s.dim('-'.padEnd(width));
  const v = check.summary.verdict;
  if (check.cause === 'protocol_mismatch') return s.red('✗ no TLS 1.2'.padEnd(width));
  const text = (v.ok ? '✓ trusted' : `✗ ${v.code}`).padEnd(width);
  return v.ok ? s.green(text) : s.red(text);
}

const BUNDLE_SHORT: Readonly<Record<string, string>> = {
  'azure-c-sdk-2017': '2017 certs.c',
  recommended: 'recommended set',
};

/** The board's verdict in one cell: the cause its log shows, ✓ when the three observers agree. */
function boardCell(c: BoardCase | undefined, s: Styles, width: number): string {
  if (!c) return s.dim('-'.padEnd(width));
  const cause = c.board?.cause ?? c.status;
  const text = `${cause === 'handshake_success' ? '✓ connected' : `✗ ${cause}`}`;
  const mark = c.status === 'passed' ? ' ✓' : c.status === 'test-failed' ? ' ≠' : ` (${c.status})`;
  const cell = `${text}${mark}`.padEnd(width);
  return c.status !== 'passed' ? s.red(cell) : cause === 'handshake_success' ? s.green(cell) : cell;
}

/** The board's table: one row per scenario, one column per bundle. */
function boardText(board: BoardRun, s: Styles): string[] {
  const out: string[] = [];
  const agreed = board.cases.filter((c) => c.status === 'passed').length;
  out.push(
    s.bold(
      `\nSimulated board (mbedTLS 2.28, native, ${board.rig}): ${board.cases.length} cases in ${(board.durationMs / 1000).toFixed(1)} s`,
    ),
  );
  const width = 26;
  out.push(
    s.dim(
      `  ${'cloud'.padEnd(7)}${'scenario'.padEnd(22)}${DEVICE_BUNDLES.map((b) => (BUNDLE_SHORT[b.id] ?? b.id).padEnd(width)).join('')}`,
    ),
  );
  const rows = new Map<string, BoardCase[]>();
  for (const c of board.cases)
    rows.set(`${c.cloud} ${c.scenario}`, [...(rows.get(`${c.cloud} ${c.scenario}`) ?? []), c]);
  for (const [key, cases] of rows) {
    const [cloud, scenario] = key.split(' ') as [string, string];
    out.push(
      `  ${cloud.padEnd(7)}${scenario.padEnd(22)}${DEVICE_BUNDLES.map((b) =>
        boardCell(
          cases.find((c) => c.bundle === b.id),
          s,
          width,
        ),
      ).join('')}`,
    );
  }
  out.push(
    s.dim(
      `  the cause the board's own log shows; ✓: hil's three observers (board log, hub-sim record, prediction) agree — ${agreed} of ${board.cases.length}`,
    ),
  );
  for (const c of board.cases.filter((x) => x.status !== 'passed'))
    out.push(
      s.red(`  ${c.cloud}/${c.bundle}/${c.scenario}: ${c.status}: ${c.message?.split('\n')[0] ?? ''}`),
    );
  return out;
}

function agreeCell(r: ScenarioResult, s: Styles): string {
  if (r.agrees === null) return s.dim('n/a  ');
  return r.agrees ? s.green('✓    ') : s.red('✗    ');
}

/** The scenario matrix and the timelines, as terminal text. */
export function demoText(result: DemoResult, s: Styles, reportPath: string): string {
  const out: string[] = [];
  const bundleWidth = 22;
  for (const cloud of ['azure', 'aws'] as const) {
    const rows = result.results.filter((r) => r.cloud === cloud);
    if (!rows.length) continue;
    out.push(s.bold(`\n${cloudTitle(cloud)} twin (${rows[0]?.hostname}): ${rows.length} scenarios`));
    out.push(
      s.dim(
        `  ${'scenario'.padEnd(22)}${'served'.padEnd(17)}${'expected'.padEnd(20)}${'mbedTLS 2.28'.padEnd(20)}agree ${DEVICE_BUNDLES.map(
          (b) => (BUNDLE_SHORT[b.id] ?? b.id).padEnd(bundleWidth),
        ).join('')}`,
      ),
    );
    for (const r of rows) {
      out.push(
        `  ${r.scenario.padEnd(22)}${servedText(r).padEnd(17)}${r.expected.cause.padEnd(20)}${r.correctDevice.cause.padEnd(20)}${agreeCell(r, s)} ${DEVICE_BUNDLES.map((b) => verdictCell(r, b.id, s, bundleWidth)).join('')}`,
      );
    }
  }
  out.push(
    s.dim(
      `\n  expected: hub-sim's expectation for a correct, modern device. mbedTLS 2.28: the cause @hubtrust/verify's ${DEMO_PROFILE} device profile predicts for a\n  correct mbedTLS 2.28 device (TLS 1.2 only, trusting the hub's CA bundle); the bundle columns: the same device carrying that bundle.\n  n/a: only the device's own TLS stack decides (a protocol scenario node:tls completes, or a TLS 1.3-only hub) — the board below shows it.`,
    ),
  );
  if (result.board) out.push(...boardText(result.board, s));
  for (const { cloud, timeline } of result.timelines) {
    out.push(
      s.bold(`\nValidity timeline, ${cloudTitle(cloud)}: served intermediates and the bundles' roots`),
    );
    out.push(timelineText(timeline, s).trimEnd());
  }
  out.push(...readinessText(result.readiness, s));
  const bad = result.disagreements.length;
  out.push(
    `\n${bad ? s.red(`✗ ${bad} scenario(s) disagree with hub-sim's expectation`) : s.green("✓ every prediction agrees with hub-sim's expectation")}${result.board ? (result.board.exitCode === 0 ? s.green('; the board agrees with its observers') : s.red(`; the board: exit ${result.board.exitCode}`)) : ''} (${result.results.length} scenarios${result.board ? ` and ${result.board.cases.length} board cases` : ''} in ${(result.elapsedMs / 1000).toFixed(1)} s)`,
  );
  out.push(`HTML report: ${reportPath}\n`);
  return out.join('\n');
}

/** The JSON document of `demo --json`. */
export function demoJson(result: DemoResult, meta: { at: string; horizon: string; report: string }) {
  return {
    schemaVersion: DEMO_SCHEMA_VERSION,
    command: 'demo',
    ...meta,
    elapsedMs: result.elapsedMs,
    profile: DEMO_PROFILE,
    bundles: DEVICE_BUNDLES,
    results: result.results.map((r) => ({
      cloud: r.cloud,
      scenario: r.scenario,
      hostname: r.hostname,
      expected: r.expected,
      handshake: r.handshake,
      chain: r.chain,
      correctDevice: { cause: r.correctDevice.cause, verdict: r.correctDevice.summary?.verdict ?? null },
      agrees: r.agrees,
      bundles: r.bundles.map((b) => ({
        bundle: b.bundle,
        withoutTwin: b.withoutTwin,
        roots: b.roots.map((c) => c.sha256),
        verdict: b.summary.verdict,
        cause: b.cause,
      })),
    })),
    disagreements: result.disagreements.length,
    board: result.board,
    readiness: readinessJson(result.readiness),
  };
}

function boardHtml(board: BoardRun): string {
  const head = `<tr><th>cloud</th><th>scenario</th><th>bundle</th><th>board log</th><th>hub-sim record</th><th>prediction</th><th>observers</th></tr>`;
  const body = board.cases.map((c) => {
    const agree =
      c.status === 'passed' ? '✓ agree' : `<span class="state-fail">${escapeXml(c.status)}</span>`;
    return `<tr><td>${c.cloud}</td><td>${escapeXml(c.scenario)}</td><td>${escapeXml(BUNDLE_SHORT[c.bundle] ?? c.bundle)}</td><td>${escapeXml(c.board ? `${c.board.cause} (${c.board.detail})` : '')}</td><td>${escapeXml(c.hub ?? '')}</td><td>${escapeXml(c.prediction?.cause ?? '')}</td><td>${agree}</td></tr>`;
  });
  return `<table><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

function matrixHtml(rows: readonly ScenarioResult[]): string {
  const head = `<tr><th>scenario</th><th>served</th><th>expected</th><th>mbedTLS 2.28</th><th>agree</th>${DEVICE_BUNDLES.map((b) => `<th>${escapeXml(b.title)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => {
    const agree = r.agrees === null ? 'n/a' : r.agrees ? '✓' : '<span class="state-fail">✗</span>';
    const cells = DEVICE_BUNDLES.map((b) => {
      const v = r.bundles.find((x) => x.bundle === b.id)?.summary.verdict;
      if (!v) return '<td>–</td>';
      return v.ok ? '<td>✓ trusted</td>' : `<td class="state-fail">✗ ${escapeXml(v.code ?? '')}</td>`;
    }).join('');
    return `<tr><td>${escapeXml(r.scenario)}</td><td>${escapeXml(servedText(r))}</td><td>${r.expected.cause}</td><td>${r.correctDevice.cause}</td><td>${agree}</td>${cells}</tr>`;
  });
  return `<table><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

/** The report's sections: matrix, timelines, then chain diagrams worth a look. */
export function demoSections(result: DemoResult): ReportSection[] {
  const sections: ReportSection[] = [];
  for (const cloud of ['azure', 'aws'] as const) {
    const rows = result.results.filter((r) => r.cloud === cloud);
    if (!rows.length) continue;
    sections.push({
      heading: `${cloudTitle(cloud)}: scenarios × device bundles`,
      subtitle: `${rows.length} hub-sim scenarios on ${rows[0]?.hostname}; "mbedTLS 2.28" is the cause the ${DEMO_PROFILE} device profile predicts for a correct device (TLS 1.2, trusting the hub's CA bundle), checked against hub-sim's expectation for a modern device; the bundle columns are the same device carrying that bundle`,
      html: matrixHtml(rows),
    });
  }
  if (result.board)
    sections.push({
      heading: 'The simulated board: mbedTLS 2.28 with each bundle',
      subtitle: `${result.board.cases.length} cases on ${result.board.rig} in ${(result.board.durationMs / 1000).toFixed(1)} s: the cause the board's own log shows, hub-sim's record of the connection and the prediction, which agree when the case passes`,
      html: boardHtml(result.board),
    });
  for (const { cloud, timeline } of result.timelines) {
    sections.push(
      timelineSection(
        `Validity timeline: ${cloudTitle(cloud)}`,
        timeline,
        'intermediates the hub serves today, and the roots of each device bundle',
      ),
    );
  }
  const today = result.timelines[0]?.timeline.at;
  sections.push(...readinessHtmlSections(result.readiness, today ? new Date(today) : undefined));
  for (const r of result.results) {
    if (r.scenario === 'current') {
      for (const b of r.bundles) {
        const title = DEVICE_BUNDLES.find((d) => d.id === b.bundle)?.title ?? b.bundle;
        sections.push(
          chainSection(
            `${cloudTitle(r.cloud)} "current" against ${title}`,
            b.summary,
            `${r.hostname}; ${servedText(r)}`,
          ),
        );
      }
    } else if (r.correctDevice.summary && !r.correctDevice.summary.verdict.ok) {
      sections.push(
        chainSection(
          `${cloudTitle(r.cloud)} "${r.scenario}": a correct mbedTLS 2.28 device refuses it`,
          r.correctDevice.summary,
          `${r.hostname}; expected ${r.expected.cause}`,
        ),
      );
    }
  }
  return sections;
}
