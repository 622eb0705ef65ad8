// Gzip drops: real compression (node:zlib) in, the original bytes out; the output limit and
// broken data give a GunzipError.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GunzipError, gunzip, isGzip } from './gunzip.js';
import { noise } from './testing/noise.js';

describe('gunzip', () => {
  it('gives back what gzip compressed, across many stream chunks', async () => {
    const data = noise(100_000);
    const packed = gzipSync(data);
    expect(isGzip(packed)).toBe(true);
    expect(isGzip(data)).toBe(false);
    expect(await gunzip(packed, 1_000_000)).toEqual(data);
  });

  it('stops at the limit: a small file that inflates to a lot is refused', async () => {
    const bomb = gzipSync(new Uint8Array(5_000_000));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(gunzip(bomb, 1_000_000, 'bomb.gz')).rejects.toThrow(
      new GunzipError('bomb.gz decompresses to more than 1000000 bytes'),
    );
  });

  it('names broken gzip data', async () => {
    const packed = gzipSync(new TextEncoder().encode('hello log\n'.repeat(100)));
    const broken = packed.slice(0, 12);
    await expect(gunzip(broken, 1_000_000, 'cut.gz')).rejects.toThrow(/^cut\.gz is not valid gzip: /);
  });
});
