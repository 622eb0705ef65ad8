import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HANDSHAKE_CAUSE_TEXT, HANDSHAKE_CAUSES, isHandshakeCause } from './index.js';

describe('handshake cause vocabulary', () => {
  it('has a text for every cause and nothing else', () => {
    expect(Object.keys(HANDSHAKE_CAUSE_TEXT).sort()).toEqual([...HANDSHAKE_CAUSES].sort());
  });

  it('recognises causes and rejects everything else', () => {
    expect(HANDSHAKE_CAUSES.every(isHandshakeCause)).toBe(true);
    for (const value of ['', 'Unknown_CA', 'timeout', 7, null, undefined]) {
      expect(isHandshakeCause(value)).toBe(false);
    }
  });

  it('is the vocabulary the README documents', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const cause of HANDSHAKE_CAUSES) expect(readme).toContain(`\`${cause}\``);
  });
});
