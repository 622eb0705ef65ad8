// The exit codes of every `hubtrust` command (documented in the README and in `hubtrust --help`).
// HIL's codes (docs/architecture.md) use the same numbers for the same meanings, so a script can
// treat any hubtrust command alike.

/** Exit codes, by meaning. */
export const EXIT = {
  /** The command did what was asked and every check passed. */
  ok: 0,
  /** A check failed: the chain does not verify, a scenario disagreed, ... */
  checkFailed: 1,
  /** Usage or input error: bad option, missing or unreadable file, unreachable host, not TLS. */
  usage: 2,
  /** A network operation did not finish within `--timeout`. */
  timeout: 3,
  /** An unexpected error: a bug in hubtrust (EX_SOFTWARE of sysexits.h); please report it. */
  internal: 70,
  /** Interrupted by Ctrl-C (SIGINT) or SIGTERM; everything started was stopped first (128 + 2). */
  interrupted: 130,
} as const;

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table printed by `hubtrust --help`. */
export const EXIT_CODES_HELP = `Exit codes:
  0    ok: every check passed
  1    a check failed (the chain does not verify, a scenario disagreed)
  2    usage or input error (bad option or date, missing or unreadable file, host unreachable or not TLS)
  3    timeout (--timeout elapsed)
  70   internal error: a bug in hubtrust (please report it with the command line)
  130  interrupted (Ctrl-C); hub-sim and temporary files are cleaned up first`;
