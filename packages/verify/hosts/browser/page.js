// The Chromium test page (served by test/browser-host.ts on loopback).
//
// It loads the package's browser build (dist/index.js, which embeds verify.wasm and
// verify.simd.wasm as base64) and:
//  1. uses the public API as an application would: init() (which picks verify.simd.wasm where
//     the engine validates SIMD, as Chromium does), then the calls listed in /checks.json (hash
//     digests now; verifyChain on a real chain), whose results the test compares with the same
//     calls made in Node;
//  2. runs the shared case files (/cases-<i>.bin, count in /shards.json), each on a fresh instance
//     of the module init() picked, producing the result lines Node and the native hosts print.
// The outcome lands in window.__hubtrust (read by the test) and in the page.
import * as verify from '/dist/index.js';
import { runApiChecks, runCaseFile, toHex } from '/harness/runtime-cases.js';

const status = document.getElementById('status');
const report = document.getElementById('report');

async function main() {
  await verify.init();
  const variant = verify.wasmVariant();
  const bytes = verify.wasmBytes(variant);
  const wasmSha256 = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
  const checks = await (await fetch('/checks.json')).json();
  const api = runApiChecks(verify, checks);
  const { shards } = await (await fetch('/shards.json')).json();
  const lines = [];
  let ms = 0;
  for (let i = 0; i < shards; i++) {
    const cases = new Uint8Array(await (await fetch(`/cases-${i}.bin`)).arrayBuffer());
    const { instance } = await WebAssembly.instantiate(bytes, {});
    const t0 = performance.now();
    lines.push(runCaseFile(instance.exports, cases));
    ms += performance.now() - t0;
  }
  return { variant, wasmSha256, api, lines, ms, userAgent: navigator.userAgent };
}

main().then(
  (result) => {
    window.__hubtrust = result;
    status.value = 'done';
    report.textContent = `${result.lines.flat().length} cases in ${result.ms.toFixed(0)} ms\n${JSON.stringify(result.api, null, 2)}`;
  },
  (e) => {
    window.__hubtrust = { error: String(e?.stack ?? e) };
    status.value = 'failed';
    report.textContent = String(e?.stack ?? e);
  },
);
