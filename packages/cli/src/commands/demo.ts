// `hubtrust demo` — what `npm start` runs: hub-sim's conformance scenarios for Azure IoT Hub and
// AWS IoT Core, each chain checked as a correct device and as devices carrying the 2017 Azure C
// SDK certs.c (Baltimore only) and the current recommended set; timelines; an HTML report.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isoSeconds } from '@hubtrust/report';
import { Option } from 'commander';
import { type CommandModule, examples, writeJson } from '../context.js';
import { runDemo } from '../demo/job.js';
import { demoJson, demoSections, demoText } from '../demo/render.js';
import { CliError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { writeHtmlReport } from '../html-output.js';
import { timeOptions } from '../inputs.js';
import { SCENARIO_CHOICES } from './hub-sim.js';

interface DemoCommandOptions {
  cloud: 'azure' | 'aws' | 'both';
  scenario?: (typeof SCENARIO_CHOICES)[number][];
  at?: string;
  horizon?: string;
  html: string;
  json?: boolean;
  /** --rig <inventory>; false with --no-board. */
  rig?: string;
  board: boolean;
}

/** The simulated rig of a hubtrust checkout, where `npm start` runs. */
const DEFAULT_RIG = 'hil/rigs/sim.yaml';

export const demoCommand: CommandModule = {
  name: 'demo',
  register(program, ctx) {
    const cmd = program
      .command('demo')
      .summary('the main job: hub-sim scenarios × two device bundles, timelines, HTML report (npm start)')
      .description(
        "Start hub-sim for every conformance scenario of Azure IoT Hub and AWS IoT Core, read each served chain over TLS, and predict what an mbedTLS 2.28 device does with it (the mbedtls-2.28 device profile): a correct device, and devices carrying the 2017 Azure IoT C SDK certs.c (Baltimore only) or the current recommended roots (mapped to hub-sim's test twins). Then the simulated board of @hubtrust/hil (real mbedTLS 2.28) runs a selection of the scenarios with both bundles, its log, hub-sim's record and the prediction checked against each other. Prints the matrix, the board's table and the validity timelines and writes an HTML report. Exit 1 when a prediction disagrees with hub-sim's expectation or the board with its observers (2 rig fault, 3 timeout: the board's). The board runs at the present time; --at moves the predictions only. Non-interactive; Ctrl-C stops the hubs and the board and exits 130.",
      )
      .addOption(
        new Option('--cloud <cloud>', 'which hubs').choices(['azure', 'aws', 'both']).default('both'),
      )
      .addOption(new Option('--scenario <name...>', 'only these scenarios').choices(SCENARIO_CHOICES))
      .option('--at <date>', 'verify at this time instead of now (ISO 8601)')
      .option('--horizon <date>', 'the date devices must keep working until (default: --at + 5 years)')
      .option('--html <file>', 'where to write the HTML report', 'hubtrust-report.html')
      .option(
        '--rig <inventory>',
        `the simulated board's rig (default: ${DEFAULT_RIG} when the working directory is a hubtrust checkout)`,
      )
      .option('--no-board', 'skip the simulated board (hub-sim scenarios and predictions only)')
      .option('--json', 'print the result as JSON (schema: schemas/demo.v1.schema.json)');
    examples(cmd, [
      ['hubtrust demo', 'everything (what npm start runs)'],
      ['hubtrust demo --cloud azure --scenario current legacy-baltimore', 'two Azure scenarios'],
      [
        'hubtrust demo --at 2030-01-01 --html /tmp/2030.html --no-board',
        'the predictions in 2030, without the board',
      ],
    ]);
    cmd.action(
      ctx.action(async (opts: DemoCommandOptions) => {
        const { at, horizon } = timeOptions(opts, ctx.now);
        let rig: string | null = null;
        if (opts.board) {
          rig = resolve(ctx.io.cwd, opts.rig ?? DEFAULT_RIG);
          if (!existsSync(rig)) {
            if (opts.rig !== undefined)
              throw new CliError(
                `--rig "${opts.rig}" does not exist`,
                2,
                'name a rig inventory, e.g. hil/rigs/sim.yaml',
              );
            ctx.io.stderr.write(
              ctx.err.yellow(
                `hubtrust demo: no simulated rig (${DEFAULT_RIG}) here: the board step is skipped; give --rig <inventory> to run it\n`,
              ),
            );
            rig = null;
          }
        }
        ctx.io.stderr.write(
          ctx.err.dim(
            'hubtrust demo: starting hub-sim (a first run derives its test PKI, ~15 s; later runs use the cache)\n',
          ),
        );
        const result = await runDemo(
          {
            clouds: opts.cloud === 'both' ? ['azure', 'aws'] : [opts.cloud],
            ...(opts.scenario ? { scenarios: opts.scenario } : {}),
            at,
            horizon,
            rig,
          },
          ctx,
        );
        const report = writeHtmlReport(
          opts.html,
          {
            title: 'hubtrust: hub-sim scenarios × device bundles',
            generator: `hubtrust ${ctx.version} demo, at ${isoSeconds(at)}, horizon ${isoSeconds(horizon)}`,
            generatedAt: ctx.now,
            sections: demoSections(result),
          },
          ctx,
          false,
        );
        if (opts.json)
          writeJson(ctx.io, demoJson(result, { at: isoSeconds(at), horizon: isoSeconds(horizon), report }));
        else ctx.io.stdout.write(demoText(result, ctx.out, report));
        // The board's own code first (2 rig fault, 3 timeout, 1 observers disagree), then the predictions'.
        if (result.board && result.board.exitCode !== 0) return result.board.exitCode as ExitCode;
        return result.disagreements.length ? EXIT.checkFailed : EXIT.ok;
      }),
    );
  },
};
