// The Node example of the packaging test: runs in a fresh project that installed the packed
// tarballs, importing each package the way a user's code would (ESM).
import { readFileSync } from 'node:fs';
import { main } from '@hubtrust/cli';
import { parseShard } from '@hubtrust/hil';
import { SCENARIO_NAMES } from '@hubtrust/hub-sim';
import { explainLog } from '@hubtrust/logs';
import {
  buildTimeline,
  chainSection,
  renderReportHtml,
  summarizeCertificate,
  summarizeChain,
  timelineSection,
} from '@hubtrust/report';
import { HANDSHAKE_CAUSES } from '@hubtrust/roots';
import { init, pemToDer, verifyChain } from '@hubtrust/verify';

await init();
const [chainFile, rootsFile, logFile] = process.argv.slice(2);
const chain = readFileSync(chainFile, 'utf8');
const roots = readFileSync(rootsFile, 'utf8');
const at = new Date('2026-06-01T00:00:00Z');
// The intermediate stands in for a leaf (any purpose, lenient profile): a real two-link chain.
const result = verifyChain({ leaf: chain, roots, time: at, purpose: 'any', strictProfile: false });
const summary = summarizeChain({ sent: [pemToDer(chain)], result, at });
const html = renderReportHtml({
  title: 'packaging test',
  generator: 'app-node.mjs',
  generatedAt: at,
  sections: [
    chainSection('chain', summary),
    timelineSection(
      'roots',
      buildTimeline({
        groups: [{ name: 'roots', certificates: [summarizeCertificate(pemToDer(roots), at)] }],
        at,
        horizon: at,
      }),
    ),
  ],
});
let out = '';
const code = await main(['version', '--json'], {
  stdout: { write: (t) => (out += t) },
  stderr: { write: () => 0 },
  env: {},
  signal: new AbortController().signal,
  cwd: process.cwd(),
});
console.log(
  JSON.stringify({
    verified: result.ok,
    htmlBytes: html.length,
    scenarios: SCENARIO_NAMES.length,
    causes: HANDSHAKE_CAUSES.length,
    cliVersionCode: code,
    logCause: explainLog(readFileSync(logFile)).cause,
    shard: parseShard('2/3'),
    cliVersion: JSON.parse(out).version,
  }),
);
