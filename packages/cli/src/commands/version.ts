// `hubtrust version`: the CLI's version and those of the packages it runs, for bug reports.
import { createRequire } from 'node:module';
import { type CommandModule, examples, writeJson } from '../context.js';
import { EXIT } from '../exit-codes.js';

/** Version of the `version --json` shape (schemas/version.v1.schema.json). */
export const VERSION_SCHEMA_VERSION = 1;

const PACKAGES = ['@hubtrust/verify', '@hubtrust/report', '@hubtrust/hub-sim', '@hubtrust/roots'] as const;

function packageVersion(name: string): string | null {
  try {
    const require = createRequire(import.meta.url);
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return null;
  }
}

export const versionCommand: CommandModule = {
  name: 'version',
  register(program, ctx) {
    const cmd = program
      .command('version')
      .summary('print the version (--json: with the packages and Node)')
      .description('Print the version of hubtrust; with --json also those of its packages and of Node.')
      .option('--json', 'print as JSON (schema: schemas/version.v1.schema.json)');
    examples(cmd, [
      ['hubtrust version', 'the version'],
      ['hubtrust version --json', 'versions of every package, for a bug report'],
    ]);
    cmd.action(
      ctx.action(async (opts: { json?: boolean }) => {
        if (!opts.json) {
          ctx.io.stdout.write(`${ctx.version}\n`);
          return EXIT.ok;
        }
        writeJson(ctx.io, {
          schemaVersion: VERSION_SCHEMA_VERSION,
          command: 'version',
          version: ctx.version,
          packages: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
          node: process.version,
        });
        return EXIT.ok;
      }),
    );
  },
};
