#!/usr/bin/env node
import { main } from './main.js';

const result = await main(process.argv.slice(2));
process.stdout.write(result.stdout);
process.exitCode = result.exitCode;
