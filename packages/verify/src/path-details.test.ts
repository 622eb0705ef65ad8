import { describe, expect, it } from 'vitest';
import { PATH_DETAIL_BASE, pathDetail } from './path-details.js';

describe('path detail texts', () => {
  it('fall back to the decoder texts below 200 and to a generic text past the end', () => {
    expect(pathDetail(PATH_DETAIL_BASE + 1).name).toBe('EXPIRED');
    expect(pathDetail(45).name).toBe('SERIAL_ZERO');
    expect(pathDetail(999).name).toBe('DETAIL_999');
  });
});
