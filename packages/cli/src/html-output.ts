// `--html <file>`: writes a self-contained report (@hubtrust/report) atomically, so an
// interrupted run never leaves half a file where the last good report was.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ReportDocument, renderReportHtml } from '@hubtrust/report';
import type { CommandContext } from './context.js';
import { CliError } from './errors.js';

/**
 * Renders `doc` and writes it to `path` (relative to the working directory).
 * @param announce - print `HTML report: <path>` on stderr (commands whose stdout names it pass false)
 * @returns the absolute path written
 * @throws CliError (exit 2) when the file cannot be written
 */
export function writeHtmlReport(
  path: string,
  doc: ReportDocument,
  ctx: CommandContext,
  announce = true,
): string {
  const full = resolve(ctx.io.cwd, path);
  const temp = `${full}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, renderReportHtml(doc));
    renameSync(temp, full);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new CliError(
      `cannot write the HTML report "${path}": ${(error as Error).message}`,
      2,
      'check that the directory exists and is writable',
    );
  }
  if (announce) ctx.io.stderr.write(`${ctx.err.dim('HTML report:')} ${full}\n`);
  return full;
}
