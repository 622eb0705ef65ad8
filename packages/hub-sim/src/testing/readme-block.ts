// Generated README blocks: the text between `<!-- name:begin -->` and `<!-- name:end -->` is
// produced by a test from the data, so it cannot drift. The test fails when the block is stale;
// HUBTRUST_WRITE_README=1 rewrites it (then `npm run readme-tables` formats the README).
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

const README = new URL('../../README.md', import.meta.url);

/** Whitespace-insensitive form of a Markdown block (the formatter pads table cells). */
function normalize(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---').trim())
    .join('\n');
}

/** A Markdown table from a header row and rows of cells. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/**
 * Checks (or, with HUBTRUST_WRITE_README=1, rewrites) the README block `name`.
 * @throws AssertionError when the block is missing or differs from `lines`
 */
export function expectReadmeBlock(name: string, lines: readonly string[]): void {
  const readme = readFileSync(README, 'utf8');
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const generated = [begin, '', ...lines, '', end].join('\n');
  const start = readme.indexOf(begin);
  const stop = readme.indexOf(end);
  expect(start, `README markers ${begin} … ${end}`).toBeGreaterThan(0);
  expect(stop).toBeGreaterThan(start);
  if (process.env.HUBTRUST_WRITE_README === '1') {
    writeFileSync(README, `${readme.slice(0, start)}${generated}${readme.slice(stop + end.length)}`);
    return;
  }
  expect(
    normalize(readme.slice(start, stop + end.length)),
    `README block ${name} (npm run readme-tables)`,
  ).toBe(normalize(generated));
}
