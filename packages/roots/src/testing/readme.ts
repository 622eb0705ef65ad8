// Test-only helpers that keep README.md honest: marked sections (`<!-- name:begin -->` …
// `<!-- name:end -->`) are compared with what the code produces, or rewritten under UPDATE_README=1,
// and worked examples in them are run.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, vi } from 'vitest';

const README = new URL('../../README.md', import.meta.url);
const update = process.env.UPDATE_README === '1';

/** A marked section of README.md. */
export function readmeSection(name: string): { start: number; end: number; body: string } {
  const text = readFileSync(README, 'utf8');
  const open = `<!-- ${name}:begin -->\n`;
  const close = `<!-- ${name}:end -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`README has no ${name} section`);
  return { start: start + open.length, end, body: text.slice(start + open.length, end) };
}

function replaceSection(name: string, body: string): void {
  const text = readFileSync(README, 'utf8');
  const s = readmeSection(name);
  writeFileSync(README, `${text.slice(0, s.start)}${body}${text.slice(s.end)}`);
}

/** Markdown table cells trimmed and separator dashes collapsed (the formatter aligns columns). */
function normalize(body: string): string {
  return body
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^-+(:?)$/, '---$1'))
            .join('|')
        : line,
    )
    .join('\n');
}

/** Checks a README section against `body`, or rewrites it under UPDATE_README=1. */
export function expectReadmeSection(name: string, body: string): void {
  if (update) replaceSection(name, body);
  expect(normalize(readmeSection(name).body)).toBe(normalize(body));
}

/**
 * Runs the ```ts block of a README section in a temporary directory holding `files` (name → source
 * URL), with the package imports pointed at the sources, and returns what it logged; `after` sees
 * the directory before it is removed.
 */
export async function runReadmeExample(
  name: string,
  files: Record<string, URL>,
  after: (dir: string) => void | Promise<void> = () => {},
): Promise<string[]> {
  const code = /^```ts\n([\s\S]*)```\n$/.exec(readmeSection(name).body)?.[1];
  if (!code) throw new Error(`README section ${name} holds no ts block`);
  const src = code
    .replace("'@hubtrust/roots'", JSON.stringify(fileURLToPath(new URL('../index.ts', import.meta.url))))
    .replace(
      "'@hubtrust/verify'",
      JSON.stringify(fileURLToPath(new URL('../../../verify/dist/index.js', import.meta.url))),
    );
  const dir = mkdtempSync(join(tmpdir(), 'hubtrust-readme-'));
  const cwd = process.cwd();
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    lines.push(a.join(' '));
  });
  try {
    for (const [file, from] of Object.entries(files)) copyFileSync(from, join(dir, file));
    writeFileSync(join(dir, 'example.ts'), src);
    process.chdir(dir);
    await import(/* @vite-ignore */ join(dir, 'example.ts'));
    process.chdir(cwd);
    await after(dir);
  } finally {
    process.chdir(cwd);
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
