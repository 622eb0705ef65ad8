// The generated field arithmetic and generator tables (assembly/crypto/p256-*.generated.ts,
// p384-*.generated.ts) must be exactly what scripts/gen-ec.mjs writes.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('scripts/gen-ec.mjs', () => {
  it('reproduces the committed generated files', () => {
    const script = fileURLToPath(new URL('../../scripts/gen-ec.mjs', import.meta.url));
    // --check exits non-zero (execFileSync throws) when a file differs.
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});
