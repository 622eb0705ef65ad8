// Fixtures of the CLI tests: certificates from hub-sim's deterministic test PKI (real chains
// shaped like the clouds', signed by test twins of the real roots), written to a temporary
// folder; the simulated HIL rig with private locks and pty.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** The repository root (hil/, firmware-fixtures/). */
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** A simulated rig's files: the inventory and where its pty and locks go. */
export interface SimRig {
  rig: string;
  pty: string;
  locks: string;
}

/**
 * hil/rigs/sim.yaml with its own locks and pty under `dir`, so a test never competes for the
 * board with another run (hil's own tests run at the same time in `npm test`). Only its first
 * board: the rig pools two identical boards, and these tests are about the CLI, not the pool (one
 * board keeps the load of a shared CI box down and where each case runs known).
 */
export function simRig(dir: string, name: string): SimRig {
  const pty = join(dir, `${name}-pty`);
  const locks = join(dir, `${name}-locks`);
  const rig = join(dir, `${name}.yaml`);
  const yaml = readFileSync(join(REPO, 'hil/rigs/sim.yaml'), 'utf8');
  const second = yaml.indexOf('\n  - id:', yaml.indexOf('\n  - id:') + 1);
  writeFileSync(
    rig,
    (second > 0 ? `${yaml.slice(0, second)}\n` : yaml)
      .replace(/lockDir: .*/, `lockDir: ${locks}`)
      .replace(/path: \.\.\/\.\.\/\.hil\/pty\/.*/, `path: ${pty}`)
      .replace(/source: \.\.\/\.\.\/firmware-fixtures/, `source: ${REPO}firmware-fixtures`),
  );
  return { rig, pty, locks };
}
