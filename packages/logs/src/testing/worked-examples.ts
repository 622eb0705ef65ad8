// One worked example per stack (test-data/worked-examples.json), written from each stack's
// documented messages (its headers and the strings of its sources), not copied from a device log.
// The tests run them; scripts/confusion.mjs renders them into README.md. Test-only: excluded from
// the build and the published files.

import { readFileSync } from 'node:fs';
import type { HandshakeCause } from '@hubtrust/roots';
import type { StackId } from '../explanation.js';

export interface WorkedExample {
  readonly stack: StackId;
  readonly title: string;
  readonly log: string;
  readonly cause: HandshakeCause;
  readonly detail?: string;
  readonly remedyMentions?: readonly string[];
}

const raw = JSON.parse(
  readFileSync(new URL('../../test-data/worked-examples.json', import.meta.url), 'utf8'),
) as (Omit<WorkedExample, 'log'> & { log: string[] })[];

export const WORKED_EXAMPLES: readonly WorkedExample[] = raw.map((e) => ({ ...e, log: e.log.join('\n') }));
