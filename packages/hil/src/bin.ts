#!/usr/bin/env node
// hubtrust-hil: the runner as a program (`hubtrust hil run|list` in the CLI calls the same code).
import v8 from 'node:v8';
import { main } from './runner/args.js';

// The runner is I/O-bound and often lives on a small rig host (a Raspberry Pi): trade a little
// GC time for memory. Under a 1 MB/s serial flood this keeps RSS growth at ~10 MiB instead of
// ~22-30 MiB with V8's defaults (bench/flood.ts). It only changes GC heuristics.
v8.setFlagsFromString('--optimize-for-size');

process.exitCode = await main(process.argv.slice(2));
