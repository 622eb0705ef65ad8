// Nightly conformance matrix: every hub-sim scenario × every bundle, three observers agreeing.
// Runs on the simulated rig in CI (hil/rigs/sim.yaml) and on any real board whose probe firmware
// speaks the console protocol (hil/README.md). Exceptions: hil/conformance-exceptions.json.
import { fileURLToPath } from 'node:url';
import { conformanceCases, defineSuite, readExceptions } from '@hubtrust/hil';
import { matrixBundles } from './bundles.js';

const exceptionsFile = fileURLToPath(new URL('../conformance-exceptions.json', import.meta.url));

export default defineSuite({
  name: 'conformance',
  cases: async () =>
    conformanceCases({ bundles: await matrixBundles(), exceptions: readExceptions(exceptionsFile) }),
});
