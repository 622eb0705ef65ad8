// The board-verdict observer on the native board's recorded logs (firmware-fixtures/native-board/
// logs, labelled with the situation's designed cause): @hubtrust/logs must read each one, without
// the probe firmware's summary line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { boardVerdict } from './board-verdict.js';

const LOGS = fileURLToPath(new URL('../../../../firmware-fixtures/native-board/logs/', import.meta.url));
const index = JSON.parse(readFileSync(join(LOGS, 'index.json'), 'utf8')) as {
  file: string;
  true_cause: string;
}[];

describe('board verdict (@hubtrust/logs) on the recorded native-board logs', () => {
  it.each(index.map((e) => [e.file, e.true_cause] as const))('%s is %s', (file, cause) => {
    const v = boardVerdict(readFileSync(join(LOGS, file), 'utf8'));
    expect(v.cause).toBe(cause);
    expect(v.stack).toBe('mbedtls');
    expect(v.evidence.length).toBeGreaterThan(0);
    // The verdict never rests on the probe firmware's own summary line.
    expect(v.evidence.some((e) => e.includes('hubtrust: result'))).toBe(false);
  });
});
