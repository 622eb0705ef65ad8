// Vitest global setup: derive the default test PKI once, before the test files run in parallel
// workers (otherwise each worker would derive it on a cold cache). Prints the cold/warm time.
import { loadTestPki } from '../pki.js';

export default async function warmPki(): Promise<void> {
  const started = performance.now();
  const pki = await loadTestPki();
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    `[hub-sim] test PKI ${pki.generated ? 'derived (cold cache)' : 'loaded from cache'} in ${ms} ms: ${pki.cacheFile}\n`,
  );
}
