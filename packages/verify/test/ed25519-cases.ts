// Ed25519 cases for the cross-runtime case file (runtime-cases.ts): every Wycheproof vector of
// test-data/wycheproof with a 32-byte key and a 64-byte signature (the ABI's fixed sizes; other
// lengths are rejected by the TypeScript layer before the module is called). Valid vectors must
// return Err.OK (0), invalid ones a non-zero code; the runtimes must agree on the exact code.
import { type CheckedCase, expectNoTrap, expectTokens, type RuntimeCase } from './runtime-cases.js';
import { loadWycheproof, type WycheproofTest } from './wycheproof.js';

/** A test group of ed25519_test.json. */
interface EddsaGroup {
  publicKey: { pk: string };
  tests: WycheproofTest[];
}

/** Layout: [pub: 32][sig: 64][msg]; ed25519Verify(pub, msg, msgLen, sig). */
export function ed25519Cases(): CheckedCase[] {
  const suite = loadWycheproof<EddsaGroup>('ed25519_test.json.gz');
  const cases: CheckedCase[] = [];
  for (const group of suite.testGroups) {
    const pub = Buffer.from(group.publicKey.pk, 'hex');
    for (const t of group.tests) {
      const sig = Buffer.from(t.sig, 'hex');
      const msg = Buffer.from(t.msg, 'hex');
      if (pub.length !== 32 || sig.length !== 64 || t.result === 'acceptable') continue;
      const input = new Uint8Array(96 + msg.length);
      input.set(pub, 0);
      input.set(sig, 32);
      input.set(msg, 96);
      const c: RuntimeCase = {
        name: `ed25519-wycheproof-${t.tcId}`,
        input,
        steps: [
          {
            call: 'ed25519Verify',
            args: [{ io: 0 }, { io: 96 }, { value: msg.length }, { io: 32 }],
            report: true,
          },
        ],
        outputs: [],
      };
      const expect = t.result === 'valid' ? expectTokens(c.name, 0) : expectNoTrap(c, '[1-9]\\d*');
      cases.push({ ...c, expect });
    }
  }
  return cases;
}
