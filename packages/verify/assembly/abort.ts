// The module must have zero imports, so AssemblyScript's abort (normally imported from the host)
// is replaced by this function (asconfig.json: "use": ["abort=assembly/abort/abort"]).
// Release builds are compiled with noAssert; reaching this is a bug in the verifier, never a
// result: the host reports a trap as an internal error.

/** Replacement for the runtime's imported abort: traps. */
export function abort(_message: usize, _file: usize, _line: u32, _column: u32): void {
  unreachable();
}
