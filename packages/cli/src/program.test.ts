import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { SCENARIO_CHOICES } from './commands/hub-sim.js';
import { COMMANDS } from './commands/index.js';
import { createContext } from './context.js';
import { createProgram } from './program.js';
import { runBin, runCli, schemaErrors } from './testing/cli.js';

function allCommands(command: Command, path: string[] = []): string[][] {
  return command.commands
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => [[...path, c.name()], ...allCommands(c, [...path, c.name()])]);
}

describe('hubtrust program', () => {
  it('prints the help with the commands and the exit codes when run bare or with --help (exit 0)', async () => {
    for (const argv of [[], ['--help'], ['help']]) {
      const r = await runCli(argv);
      expect(r.code).toBe(0);
      for (const c of COMMANDS) expect(r.stdout).toContain(c.name);
      expect(r.stdout).toContain('Exit codes:');
      expect(r.stdout).toContain('Examples:');
    }
  });

  it('every command and subcommand answers --help with examples and exit 0', async () => {
    const ctx = createContext({
      stdout: { write: () => 0 },
      stderr: { write: () => 0 },
      env: {},
      signal: new AbortController().signal,
      cwd: '.',
    });
    const paths = allCommands(createProgram(ctx)).filter((p) => p[0] !== 'complete');
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['inspect', 'verify', 'hub-sim', 'version', 'completion']),
    );
    for (const path of paths) {
      const r = await runCli([...path, '--help']);
      expect(r.code, path.join(' ')).toBe(0);
      expect(r.stdout, path.join(' ')).toMatch(/Examples:\n {2}# .+\n {2}\$ .*hubtrust /);
      expect(r.stderr).toBe('');
    }
  });

  it('rejects unknown commands and options with exit 2 and a message on stderr', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const option = await runCli(['inspect', 'x.pem', '--frobnicate']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--frobnicate'");
    const missing = await runCli(['inspect']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'file|host:port'");
  });

  it('prints the version with -v, --version and version; version --json matches its schema', async () => {
    for (const argv of [['-v'], ['--version'], ['version']]) {
      const r = await runCli(argv);
      expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    }
    const json = JSON.parse((await runCli(['version', '--json'])).stdout);
    expect(schemaErrors('version', json)).toEqual([]);
    expect(json.packages['@hubtrust/verify']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('colours only on a TTY and never with NO_COLOR', async () => {
    const esc = '\u001b[';
    expect((await runCli(['--help'], { isTTY: true })).stdout).toContain(esc);
    expect((await runCli(['--help'], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await runCli(['--help'], { isTTY: false })).stdout).not.toContain(esc);
    // An empty NO_COLOR does not count (no-color.org).
    expect((await runCli(['--help'], { isTTY: true, env: { NO_COLOR: '' } })).stdout).toContain(esc);
    const error = await runCli(['inspect', '/nonexistent.pem'], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(error.stderr).not.toContain(esc);
  });

  it('hub-sim scenario choices are exactly the simulator scenarios', async () => {
    const { SCENARIO_NAMES } = await import('@hubtrust/hub-sim');
    expect([...SCENARIO_CHOICES]).toEqual([...SCENARIO_NAMES]);
  });
});

describe('the built binary', () => {
  it('runs: --version, and exit code 2 for bad usage', { timeout: 120_000 }, async () => {
    expect((await runBin(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const bad = await runBin(['verify', 'nope.pem']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--roots is required');
  });

  it('prints completion scripts for bash, zsh and fish that call back `hubtrust complete`', async () => {
    const [bash, zsh, fish, bad] = await Promise.all(
      ['bash', 'zsh', 'fish', 'tcsh'].map((shell) => runBin(['completion', shell])),
    );
    for (const [shell, r] of [
      ['bash', bash],
      ['zsh', zsh],
      ['fish', fish],
    ] as const) {
      expect(r?.code, shell).toBe(0);
      expect(r?.stdout, shell).toContain('hubtrust');
      expect(r?.stdout, shell).toContain('complete');
    }
    expect(bad?.code).toBe(2);
    expect(bad?.stderr).toContain('Allowed choices are zsh, bash, fish, powershell');
  }, 120_000);

  it('completes commands, options and option values', async () => {
    const [commands, options, values] = await Promise.all([
      runBin(['complete', '--', 'ins']),
      runBin(['complete', '--', 'verify', '--ro']),
      runBin(['complete', '--', 'hub-sim', '--scenario', 'exp']),
    ]);
    expect(commands.stdout).toContain('inspect');
    expect(options.stdout).toContain('--roots');
    expect(values.stdout).toContain('expired-leaf');
  }, 120_000);
});
