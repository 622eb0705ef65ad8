#!/usr/bin/env node
// The `hubtrust` executable: runs main() on the real process. Commands stop and clean up when
// Ctrl-C aborts their signal; should one not finish within 3 s of it, the process exits anyway.
import { EXIT } from './exit-codes.js';
import { processIo } from './io.js';
import { main } from './main.js';

const io = processIo();
io.signal.addEventListener('abort', () => setTimeout(() => process.exit(EXIT.interrupted), 3000).unref(), {
  once: true,
});
process.exitCode = await main(process.argv.slice(2), io);
