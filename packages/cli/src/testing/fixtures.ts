// Certificates for the CLI tests, from hub-sim's deterministic test PKI (real chains shaped like
// the clouds', signed by test twins of the real roots), written to a temporary folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Hub, type ScenarioName, startHub } from '@hubtrust/hub-sim';
import { pemToDer, splitPem } from '@hubtrust/verify';

/** Files of one scenario's chain. */
export interface ChainFiles {
  /** What the hub sends (leaf first), PEM. */
  chain: string;
  /** The roots a correct device trusts, PEM. */
  roots: string;
  hostname: string;
  chainDer: Uint8Array[];
}

/** Writes the chain and CA bundle of `scenario` into `dir`. */
export async function scenarioFiles(dir: string, scenario: ScenarioName): Promise<ChainFiles> {
  const hub = await startHub({ scenario });
  try {
    const chain = join(dir, `${scenario}-chain.pem`);
    const roots = join(dir, `${scenario}-roots.pem`);
    writeFileSync(chain, hub.chainPem);
    writeFileSync(roots, hub.caPem);
    return { chain, roots, hostname: hub.hostname, chainDer: splitPem(hub.chainPem) };
  } finally {
    await hub.stop();
  }
}

/** One test root by id (e.g. `baltimore-cybertrust-root`) as DER, from a running hub. */
export function rootDer(hub: Hub, id: string): Uint8Array {
  const pem = hub.roots[id];
  if (!pem) throw new Error(`no test root ${id}`);
  return pemToDer(pem);
}
