// What a stack's code means for the cause, and the one way a decoded code becomes a finding.
// Every stack detector maps its table's names to a Meaning (from the header texts) and records
// the code through addCode, so notes and strengths read the same across stacks.

import type { HandshakeCause } from '@hubtrust/roots';
import { asDecoded, type CodeEntry } from '../codes.js';
import type { StackId } from '../explanation.js';
import type { FindingKind, Scan } from '../scan.js';

/** The cause a code stands for, how decisive it is, and (for `other`) the failure's name. */
export interface Meaning {
  cause: HandshakeCause;
  strength: number;
  detail?: string;
  kind?: FindingKind;
}

/** Where a code was read: the stack, its display name, and the line. */
export interface CodeSite {
  readonly stack: StackId;
  readonly label: string;
  readonly line: string;
  readonly n: number;
}

/**
 * Records `entry` (printed as `raw`) with its meaning; `penalty` lowers the strength when the code
 * was only inferred to belong to this stack. Does nothing for codes that mean no failure.
 */
export function addCode(
  s: Scan,
  site: CodeSite,
  entry: CodeEntry,
  raw: string,
  m: Meaning | undefined,
  penalty = 0,
): void {
  if (!m) return;
  s.add(
    {
      cause: m.cause,
      detail: m.detail ?? entry.name,
      strength: m.strength - penalty,
      line: site.n,
      note: `${site.label} ${raw} = ${entry.name}: ${entry.text}`,
      stack: site.stack,
      code: asDecoded(raw, entry),
      kind: m.kind,
    },
    site.line,
  );
}
