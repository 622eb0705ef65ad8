#!/usr/bin/env node
// Runs the classifier over a labelled log set (index.json + files) and renders the confusion table
// that README.md shows between <!-- confusion:NAME:start --> and <!-- confusion:NAME:end -->.
//
//   npm run confusion            # build, then rewrite both tables in README.md
//   node scripts/confusion.mjs   # print them
//
// The validation test (src/validation.test.ts) renders the same tables from src/ and fails when
// README.md is stale.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HANDSHAKE_CAUSES } from '@hubtrust/roots';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

/** The labelled sets: README marker name → folder. */
export const SETS = {
  'device-logs': join(root, 'test-data', 'device-logs'),
  'extra-logs': join(root, 'test-data', 'extra-logs'),
};

/** Reads a set: [{ file, label, stack, text }]. */
export function loadCases(dir) {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  return index.map((e) => ({
    file: e.file,
    label: e.true_cause ?? e.cause,
    stack: e.stack,
    bytes: readFileSync(join(dir, e.file)),
  }));
}

const CAUSES = HANDSHAKE_CAUSES;

/** Classifies every case; returns the counts and the markdown table (rows = label, columns = answer). */
export function confusion(explainLog, cases) {
  const matrix = new Map(CAUSES.map((c) => [c, new Map(CAUSES.map((d) => [d, 0]))]));
  const misses = [];
  let correct = 0;
  for (const c of cases) {
    const got = explainLog(c.bytes).cause;
    matrix.get(c.label)?.set(got, (matrix.get(c.label)?.get(got) ?? 0) + 1);
    if (got === c.label) correct++;
    else misses.push({ file: c.file, label: c.label, got });
  }
  const used = CAUSES.filter(
    (c) => cases.some((k) => k.label === c) || [...matrix.values()].some((row) => (row.get(c) ?? 0) > 0),
  );
  const short = (c) =>
    c
      .replace('peer_rejected_client_cert', 'peer_rejected')
      .replace('not_yet_valid_clock', 'clock')
      .replace('handshake_success', 'success')
      .replace('protocol_mismatch', 'protocol')
      .replace('hostname_mismatch', 'hostname');
  const lines = [];
  lines.push(`| label ↓ / answer → | ${used.map(short).join(' | ')} |`);
  lines.push(`| --- | ${used.map(() => '---:').join(' | ')} |`);
  for (const label of used) {
    const row = matrix.get(label);
    if (!cases.some((k) => k.label === label)) continue;
    lines.push(
      `| ${short(label)} | ${used
        .map((c) => {
          const v = row?.get(c) ?? 0;
          return c === label ? `**${v}**` : v === 0 ? '·' : String(v);
        })
        .join(' | ')} |`,
    );
  }
  lines.push('');
  lines.push(
    `${correct} of ${cases.length} correct.${misses.length ? ` Misses: ${misses.map((m) => `\`${m.file}\` (${m.label} → ${m.got})`).join('; ')}.` : ''}`,
  );
  return { correct, total: cases.length, misses, markdown: lines.join('\n') };
}

/** The worked examples (test-data/worked-examples.json), log lines joined. */
export function loadExamples() {
  const raw = JSON.parse(readFileSync(join(root, 'test-data', 'worked-examples.json'), 'utf8'));
  return raw.map((e) => ({ ...e, log: e.log.join('\n') }));
}

/** The README section showing each worked example and what the classifier makes of it. */
export function examplesMarkdown(explainLog, renderExplanation, examples) {
  const out = [];
  for (const ex of examples) {
    out.push(
      `### ${ex.stack} — ${ex.title}`,
      '',
      '```text',
      ex.log,
      '```',
      '',
      '```text',
      renderExplanation(explainLog(ex.log)).trimEnd(),
      '```',
      '',
    );
  }
  return out.join('\n').trimEnd();
}

/** README.md with the section `name` (between its markers) replaced. */
export function withTable(readme, name, markdown) {
  const start = `<!-- confusion:${name}:start -->`;
  const end = `<!-- confusion:${name}:end -->`;
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} ... ${end} section`);
  return `${readme.slice(0, a + start.length)}\n${markdown}\n${readme.slice(b)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { explainLog, renderExplanation } = await import(join(root, 'dist', 'index.js'));
  const readmePath = join(root, 'README.md');
  let readme = readFileSync(readmePath, 'utf8');
  readme = withTable(readme, 'examples', examplesMarkdown(explainLog, renderExplanation, loadExamples()));
  for (const [name, dir] of Object.entries(SETS)) {
    const result = confusion(explainLog, loadCases(dir));
    console.log(`## ${name}\n${result.markdown}\n`);
    readme = withTable(readme, name, result.markdown);
  }
  if (process.argv.includes('--write')) writeFileSync(readmePath, readme);
}
