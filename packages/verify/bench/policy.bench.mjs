// Certificate-policy processing (assembly/path/policy.ts, RFC 5280 §6.1 on the RFC 9618 graph):
// what a policy-mapping chain and hostile policy inputs cost in one verifyChain, chains built once
// (Ed25519 keys: the signatures are cheap, so the rows show the path and policy work), DER input,
// every check, interleaved with the same call under policyProcessing 'ignore' (same decoding and
// signatures): the difference is the policy processing. Target (issue 12): "a 50-level
// policy-mapping chain ends within budget in ≤ 5 ms".
// Paths hold at most 16 certificates (MAX_PATH), so a 50-level mapping chain ends with a typed
// error after the search (UNKNOWN_ISSUER: no anchor within reach); the deepest chain that validates (a leaf, 14 mapping
// intermediates and the anchor, maxDepth 14) is measured beside it. No peer: the rows print the
// time per call and the budget used; the ratio column compares with the same chain without
// policy extensions (the cost of policy processing itself).
//
// Run: npm run build && node bench/run.mjs policy   (from packages/verify), or directly.
import { pathToFileURL } from 'node:url';
import { ctxPrim, ext, intermediate, leaf, oid, root, seq } from '@hubtrust/test-pki';
import { init, verifyChain } from '../dist/index.js';
import { measureInterleaved } from './lib.mjs';

const T = new Date('2030-01-01T00:00:00Z');
const P = (i) => `1.3.6.1.4.1.55555.20.${i}`;
const policies = (oids) => ext('2.5.29.32', true, seq(...oids.map((o) => seq(oid(o)))));
const mappings = (pairs) => ext('2.5.29.33', true, seq(...pairs.map(([a, b]) => seq(oid(a), oid(b)))));
const requireExplicit = ext('2.5.29.36', true, seq(ctxPrim(0, Uint8Array.of(0))));

/** A chain of `depth` intermediates; certificate i asserts WIDTH policies and maps each to the next domain. */
function mappingChain(depth, width) {
  const r = root({ cn: `Policy bench root ${depth}/${width}` });
  let issuer = r;
  const ints = [];
  for (let i = 0; i < depth; i++) {
    const own = Array.from({ length: width }, (_, k) => P(i * 100 + k));
    const next = Array.from({ length: width }, (_, k) => P((i + 1) * 100 + k));
    const exts = [
      policies(own),
      mappings(own.map((o, k) => [o, next[k]])),
      ...(i === 0 ? [requireExplicit] : []),
    ];
    issuer = intermediate(issuer, { cn: `Policy bench I${i} ${depth}/${width}`, extensions: exts });
    ints.push(issuer.der);
  }
  const leafPolicies = Array.from({ length: width }, (_, k) => P(depth * 100 + k));
  const ee = leaf(issuer, { cn: 'example.com', extensions: [policies(leafPolicies)] });
  return { leaf: ee.der, intermediates: ints.reverse(), roots: [r.der], time: T, hostname: 'example.com' };
}

/**
 * One row: verifyChain with policy processing (`rfc5280`) and the same call with
 * `policyProcessing: 'ignore'` (same certificates, so the same decoding, hashing and signatures),
 * interleaved; the difference is what policy processing costs.
 */
async function row(name, options, expect) {
  const r = verifyChain(options);
  const code = r.ok ? 'OK' : r.error.code;
  if (code !== expect) throw new Error(`${name}: ${code}, expected ${expect}`);
  const ignored = { ...options, policyProcessing: 'ignore' };
  const t = await measureInterleaved({ rfc: () => verifyChain(options), ignore: () => verifyChain(ignored) });
  const w = r.work ?? { policyNodes: 0, policyComparisons: 0 };
  const cost = Math.max(0, t.rfc - t.ignore);
  return {
    group: 'policy',
    name: `${name}: ${code}${r.ok ? '' : `/${r.error.reason?.name}`}, ${w.policyNodes} graph elements, ${w.policyComparisons} comparisons; policy processing ${(cost / 1e6).toFixed(3)} ms (≤ 5 ms: ${cost <= 5e6 ? 'met' : 'NOT met'})`,
    ours: t.rfc,
    peer: t.ignore,
    peerName: "the same call with policyProcessing: 'ignore'",
  };
}

export default async function bench() {
  await init();
  const deep = { ...mappingChain(14, 4), maxDepth: 14 };
  const fifty = { ...mappingChain(50, 4), maxDepth: 14 };
  const wide = { ...mappingChain(6, 60), policies: { requireExplicit: true } };
  const many = (() => {
    const r = root({ cn: 'Policy bench many root' });
    const i = intermediate(r, { cn: 'Policy bench many I', extensions: [policies(['2.5.29.32.0'])] });
    const oids = Array.from({ length: 3000 }, (_, k) => P(900000 + k));
    const ee = leaf(i, { cn: 'example.com', extensions: [policies(oids)] });
    return { leaf: ee.der, intermediates: [i.der], roots: [r.der], time: T, hostname: 'example.com' };
  })();
  const web = (() => {
    const ps = Array.from({ length: 30 }, (_, k) => P(800000 + k));
    const pairs = ps.flatMap((a) => ps.filter((b) => b !== a).map((b) => [a, b]));
    let issuer = root({ cn: 'Policy bench web root' });
    const rootDer = issuer.der;
    const ints = [];
    for (let k = 0; k < 6; k++) {
      issuer = intermediate(issuer, {
        cn: `Policy bench web I${k}`,
        extensions: [policies(ps), mappings(pairs)],
      });
      ints.push(issuer.der);
    }
    const ee = leaf(issuer, { cn: 'example.com', extensions: [policies(ps)] });
    return { leaf: ee.der, intermediates: ints, roots: [rootDer], time: T, hostname: 'example.com' };
  })();
  return [
    await row('14-level mapping chain, 4 policies per certificate, requireExplicitPolicy', deep, 'OK'),
    await row(
      '50-level mapping chain (deeper than a path may be: the search ends typed)',
      fifty,
      'UNKNOWN_ISSUER',
    ),
    await row('6 intermediates x 60 mapped policies, explicit policy required', wide, 'OK'),
    await row('3,000 policies in the leaf under anyPolicy', many, 'BUDGET_EXCEEDED'),
    await row(
      'mapping web: 30 policies, every one mapped to every other, 6 intermediates',
      web,
      'BUDGET_EXCEEDED',
    ),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await bench()) {
    const ms = (r.ours / 1e6).toFixed(3);
    const ratio = ` (${(r.peer / 1e6).toFixed(3)} ms with policyProcessing 'ignore')`;
    process.stdout.write(`${ms} ms  ${r.name}${ratio}\n`);
  }
}
