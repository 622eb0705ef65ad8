// The trust bundles of the nightly matrix: real device bundles, each flashed as hub-sim's twins
// of its certificates (twinBundle → simulatedBundle), and the cloud whose scenarios it meets.
// - baltimore-only: the Azure IoT C SDK's certs.c of 2017 (Baltimore CyberTrust Root only), read
//   with @hubtrust/roots' C reader, as a device built from that SDK carries it;
// - the current recommended set of each cloud from @hubtrust/roots' RECOMMENDED_SETS (the set
//   hub-sim's CLOUDS names for the cloud);
// - AWS's legacy endpoint: the root AWS documented for it (CLOUDS['aws-legacy'], no vendor set
//   covers it), and today's AWS set, which a device moved to ATS carries.
import { readFileSync } from 'node:fs';
import { type MatrixBundle, type RealBundle, twinBundle } from '@hubtrust/hil';
import { CLOUDS } from '@hubtrust/hub-sim';
import { RECOMMENDED_SETS, readCSource } from '@hubtrust/roots';
import { init } from '@hubtrust/verify';

// The rebuilt 2017 certs.c that @hubtrust/roots' readiness tests use (source and license in that
// folder's README): one copy in the repository.
const CERTS_C_2017 = new URL(
  '../../packages/roots/test-data/readiness/azure-iot-sdk-c-2017-01-21-certs.c',
  import.meta.url,
);

/** The real bundles, by name. */
async function realBundles(): Promise<RealBundle[]> {
  await init(); // the C reader decodes with verify's wasm
  const file = CERTS_C_2017.pathname;
  const certsC = readCSource(readFileSync(file, 'utf8'), { file });
  if (certsC.errors.length > 0 || certsC.certificates.length === 0)
    throw new Error(`${file}: ${certsC.errors.map((e) => e.message).join('; ') || 'no certificate'}`);
  const set = (id: keyof typeof RECOMMENDED_SETS) => RECOMMENDED_SETS[id].slugs;
  return [
    { name: 'baltimore-only', cloud: 'azure', entries: certsC.certificates },
    { name: 'azure-rsa', cloud: 'azure', entries: set('azure-rsa') },
    { name: 'azure-china', cloud: 'azure-china', entries: set('azure-china') },
    { name: 'azure-all', cloud: 'azure-ecc', entries: set('azure-all') },
    { name: 'aws', cloud: 'aws', entries: set('aws') },
    { name: 'aws', cloud: 'aws-legacy', entries: set('aws') },
    { name: 'aws-legacy-root', cloud: 'aws-legacy', entries: CLOUDS['aws-legacy'].trusted.plus },
  ];
}

/**
 * The matrix bundles (all, or those named), mapped to twins.
 * @throws Error when a bundle cannot be read or a certificate of it has no twin.
 */
export async function matrixBundles(names?: readonly string[]): Promise<MatrixBundle[]> {
  const all = await realBundles();
  const chosen = names ? all.filter((b) => names.includes(b.name)) : all;
  if (names?.some((n) => !all.some((b) => b.name === n)))
    throw new Error(`unknown bundle in ${names.join(', ')} (have ${all.map((b) => b.name).join(', ')})`);
  return Promise.all(chosen.map((b) => twinBundle(b)));
}
