import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PATH_DETAIL_BASE, PATH_DETAILS, pathDetail } from './path-details.js';

describe('path detail texts', () => {
  it('list the codes of assembly/path/detail.ts in the same order', () => {
    const src = readFileSync(new URL('../assembly/path/detail.ts', import.meta.url), 'utf8');
    const names = [...src.matchAll(/^\s+([A-Z0-9_]+)(?: = \d+)?, \/\/ /gm)].map((m) => m[1]);
    expect(names).toEqual(PATH_DETAILS.map(([n]) => n));
    expect(src).toMatch(new RegExp(`NOT_YET_VALID = ${PATH_DETAIL_BASE},`));
  });

  it('fall back to the decoder texts below 200 and to a generic text past the end', () => {
    expect(pathDetail(PATH_DETAIL_BASE + 1).name).toBe('EXPIRED');
    expect(pathDetail(45).name).toBe('SERIAL_ZERO');
    expect(pathDetail(999).name).toBe('DETAIL_999');
  });
});
