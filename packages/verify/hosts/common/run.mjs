// Child processes for the host builds (build.mjs, mcu/build.mjs, mcu/compare/compare.mjs).
import { spawn } from 'node:child_process';

/**
 * Runs `cmd args` in `cwd` and resolves to its output (stdout and stderr together).
 * Rejects with the command line and the output's last 4,000 characters when it fails.
 */
export function run(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const collect = (d) => {
      out += d;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out.slice(-4000)}`));
    });
  });
}
