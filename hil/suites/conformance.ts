// Nightly conformance matrix: every hub-sim scenario × every bundle, three observers agreeing.
// Runs on the simulated rig in CI (hil/rigs/sim.yaml) and on any real board whose probe firmware
// speaks the console protocol (hil/README.md). Exceptions: hil/conformance-exceptions.json.
//
// Besides the device as built (mbedTLS 2.28, 16 KiB input buffer), two small-buffer variants run
// the record-size scenarios: a 4 KiB input buffer (MBEDTLS_SSL_IN_CONTENT_LEN=4096, as ESP-IDF's
// asymmetric buffers), without and with the max_fragment_length offer.
import { fileURLToPath } from 'node:url';
import { conformanceCases, defineSuite, NATIVE_BOARD, readExceptions } from '@hubtrust/hil';
import { matrixBundles } from './bundles.js';

const exceptionsFile = fileURLToPath(new URL('../conformance-exceptions.json', import.meta.url));
const RECORD_SIZE = ['current', 'large-chain', 'max-size-records', 'mfl-honoured'] as const;

export default defineSuite({
  name: 'conformance',
  cases: async () => {
    const bundles = await matrixBundles();
    const exceptions = readExceptions(exceptionsFile);
    const recommended = bundles.filter((b) => b.name === 'azure-rsa');
    return [
      ...conformanceCases({ bundles, exceptions }),
      ...conformanceCases({
        bundles: recommended,
        exceptions,
        scenarios: RECORD_SIZE,
        variant: 'in-4k',
        device: { ...NATIVE_BOARD, name: 'native-board in-4k', inputBuffer: 4096 },
      }),
      ...conformanceCases({
        bundles: recommended,
        exceptions,
        scenarios: RECORD_SIZE,
        variant: 'in-4k-mfl-4k',
        device: {
          ...NATIVE_BOARD,
          name: 'native-board in-4k mfl-4096',
          inputBuffer: 4096,
          maxFragmentLength: 4096,
        },
      }),
    ];
  },
});
