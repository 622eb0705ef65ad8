// JUnit XML in the shape of the Jenkins xUnit plugin's junit-10.xsd (test-data/junit): one
// <testsuite> per board × suite, <failure> for test failures and device crashes, <error> for rig
// faults and timeouts (type names the kind), <skipped> for skipped and quarantined-failed cases,
// properties with the firmware hash and bundle, artifacts listed in <system-out>.
import { hostname } from 'node:os';
import type { CaseResult, RunReport } from './results.js';

// XML 1.0 §2.2: characters outside Char are not representable, even escaped.
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function esc(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(r: CaseResult): string {
  const name = r.id.slice(r.suite.length + 1);
  const open = `    <testcase name="${esc(name)}" classname="${esc(`${r.board}.${r.suite}`)}" time="${seconds(r.durationMs)}">`;
  const body: string[] = [];
  const message = esc((r.message ?? '').split('\n')[0] ?? '');
  if (r.status === 'skipped') body.push(`      <skipped message="${message || 'no board can run it'}"/>`);
  else if (r.status !== 'passed' && r.quarantined)
    body.push(`      <skipped type="quarantined" message="quarantined: ${message}"/>`);
  else if (r.status === 'test-failed' || r.status === 'device-crash')
    body.push(`      <failure type="${r.status}" message="${message}">${esc(r.message ?? '')}</failure>`);
  else if (r.status === 'rig-fault' || r.status === 'timeout')
    body.push(`      <error type="${r.status}" message="${message}">${esc(r.message ?? '')}</error>`);
  const out = [
    `attempts: ${r.attempts}`,
    `firmware: ${r.firmwareHash ?? '-'}`,
    `bundle: ${r.bundle ?? '-'}`,
    ...r.artifacts.map((a) => `[[ATTACHMENT|${a}]]`),
  ];
  body.push(`      <system-out>${esc(out.join('\n'))}</system-out>`);
  return [open, ...body, '    </testcase>'].join('\n');
}

/** Renders a run as JUnit XML. */
export function junitXml(report: RunReport): string {
  const groups = new Map<string, CaseResult[]>();
  for (const r of report.results) {
    const key = `${r.board}\u0000${r.suite}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const host = hostname();
  const suites = [...groups.entries()].map(([key, results], i) => {
    const [board, suite] = key.split('\u0000') as [string, string];
    const failures = results.filter(
      (r) => !r.quarantined && (r.status === 'test-failed' || r.status === 'device-crash'),
    ).length;
    const errors = results.filter(
      (r) => !r.quarantined && (r.status === 'rig-fault' || r.status === 'timeout'),
    ).length;
    const skipped = results.filter(
      (r) => r.status === 'skipped' || (r.quarantined && r.status !== 'passed'),
    ).length;
    const time = results.reduce((n, r) => n + r.durationMs, 0);
    const hashes = [...new Set(results.map((r) => r.firmwareHash).filter(Boolean))];
    const bundles = [...new Set(results.map((r) => r.bundle).filter(Boolean))];
    return [
      `  <testsuite name="${esc(`${board}.${suite}`)}" id="${i}" package="${esc(suite)}" tests="${results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(time)}" timestamp="${esc(results[0]?.startedAt ?? report.startedAt)}" hostname="${esc(host)}">`,
      '    <properties>',
      `      <property name="board" value="${esc(board)}"/>`,
      `      <property name="rig" value="${esc(report.rig ?? '')}"/>`,
      `      <property name="shard" value="${esc(report.shard)}"/>`,
      `      <property name="firmware" value="${esc(hashes.join(','))}"/>`,
      `      <property name="bundles" value="${esc(bundles.join(','))}"/>`,
      '    </properties>',
      ...results.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const all = report.results;
  const failures = all.filter(
    (r) => !r.quarantined && (r.status === 'test-failed' || r.status === 'device-crash'),
  ).length;
  const errors = all.filter(
    (r) => !r.quarantined && (r.status === 'rig-fault' || r.status === 'timeout'),
  ).length;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="hubtrust-hil" tests="${all.length}" failures="${failures}" errors="${errors}" time="${seconds(report.durationMs)}">
${suites.join('\n')}
</testsuites>
`;
}
