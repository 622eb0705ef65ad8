// Every command of `hubtrust`, in the order `--help` lists them. A command is one module that
// calls one package API; adding one (bundle check/sign/verify next) is its module plus its line
// here. completion stays last: it reads the whole tree.
import type { CommandModule } from '../context.js';
import { bundleCommand } from './bundle.js';
import { completionCommand } from './completion.js';
import { demoCommand } from './demo.js';
import { hilCommand } from './hil.js';
import { hubSimCommand } from './hub-sim.js';
import { inspectCommand } from './inspect.js';
import { logsCommand } from './logs.js';
import { probeCommand } from './probe.js';
import { scanCommand } from './scan.js';
import { verifyCommand } from './verify.js';
import { versionCommand } from './version.js';

/** The commands, in help order. */
export const COMMANDS: readonly CommandModule[] = [
  inspectCommand,
  verifyCommand,
  probeCommand,
  scanCommand,
  bundleCommand,
  logsCommand,
  hilCommand,
  hubSimCommand,
  demoCommand,
  versionCommand,
  completionCommand,
];
