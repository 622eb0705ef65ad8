// vitest globalSetup: derive (or load) hub-sim's test PKI once before the test files start, so
// parallel files do not each derive it on a cold cache (11-16 s each on this machine).
import { loadTestPki } from '@hubtrust/hub-sim';

export default async function setup(): Promise<void> {
  await loadTestPki();
}
