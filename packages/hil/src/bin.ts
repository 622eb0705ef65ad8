#!/usr/bin/env node
// hubtrust-hil: the runner as a program (`hubtrust hil run|list` in the CLI calls the same code).
import { main } from './runner/args.js';

process.exitCode = await main(process.argv.slice(2));
