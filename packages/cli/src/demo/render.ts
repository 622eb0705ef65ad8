// The main job's outputs: the scenario matrix as text, the JSON document (schemas/demo.v1), and
// the sections of the HTML report.

import type { Cloud } from '@hubtrust/hub-sim';
import { chainSection, escapeXml, type ReportSection, timelineSection } from '@hubtrust/report';
import type { Styles } from '../io.js';
import { timelineText } from '../render-timeline.js';
import { DEVICE_BUNDLES } from './bundles.js';
import type { DemoResult } from './job.js';
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
  const text = (v.ok ? '✓ trusted' : `✗ ${v.code}`).padEnd(width);
  return v.ok ? s.green(text) : s.red(text);
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
        `  ${'scenario'.padEnd(22)}${'served'.padEnd(17)}${'expected'.padEnd(20)}${'predicted'.padEnd(20)}agree ${DEVICE_BUNDLES.map(
          (b) => (b.id === 'recommended' ? 'recommended set' : '2017 certs.c').padEnd(bundleWidth),
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
      "\n  predicted: the cause @hubtrust/verify predicts for a correct device (trusting the hub's CA bundle); n/a: a protocol scenario node:tls completes, which only the device's own TLS stack can judge.",
    ),
  );
  for (const { cloud, timeline } of result.timelines) {
    out.push(
      s.bold(`\nValidity timeline, ${cloudTitle(cloud)}: served intermediates and the bundles' roots`),
    );
    out.push(timelineText(timeline, s).trimEnd());
  }
  const bad = result.disagreements.length;
  out.push(
    `\n${bad ? s.red(`✗ ${bad} scenario(s) disagree with hub-sim's expectation`) : s.green("✓ every chain verdict agrees with hub-sim's expectation")} (${result.results.length} scenarios in ${(result.elapsedMs / 1000).toFixed(1)} s)`,
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
  };
}

function matrixHtml(rows: readonly ScenarioResult[]): string {
  const head = `<tr><th>scenario</th><th>served</th><th>expected</th><th>predicted</th><th>agree</th>${DEVICE_BUNDLES.map((b) => `<th>${escapeXml(b.title)}</th>`).join('')}</tr>`;
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
      subtitle: `${rows.length} hub-sim scenarios on ${rows[0]?.hostname}; "predicted" is the cause a correct device (trusting the hub's CA bundle) gets, checked against hub-sim's expectation`,
      html: matrixHtml(rows),
    });
  }
  for (const { cloud, timeline } of result.timelines) {
    sections.push(
      timelineSection(
        `Validity timeline: ${cloudTitle(cloud)}`,
        timeline,
        'intermediates the hub serves today, and the roots of each device bundle',
      ),
    );
  }
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
          `${cloudTitle(r.cloud)} "${r.scenario}": a correct device refuses it`,
          r.correctDevice.summary,
          `${r.hostname}; expected ${r.expected.cause}`,
        ),
      );
    }
  }
  return sections;
}
