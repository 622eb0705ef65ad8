// The streaming API (LogClassifier.push in chunks) and the one-shot API (explainLog on a string or
// on bytes) must give the same explanation — checked on the benchmark inputs themselves (10 MiB
// each) fed as 4 KiB byte chunks (a serial reader), and on the console input also as bytes in one
// piece and as 64 KiB text chunks after a 1,000,003-character cut inside a line.

import { describe, expect, it } from 'vitest';
import { benchInputs } from '../bench/inputs.mjs';
import { explainLog, LogClassifier } from './classifier.js';

describe('streaming and one-shot agree on the benchmark inputs', () => {
  const inputs = benchInputs();
  for (const [name, text] of Object.entries(inputs)) {
    it(name, () => {
      const whole = explainLog(text);
      expect(whole.input.lines).toBe(text.split('\n').length);
      expect(whole.evidence.length).toBeGreaterThan(0);
      const bytes = new TextEncoder().encode(text);
      const chunked = new LogClassifier();
      for (let i = 0; i < bytes.length; i += 4096) chunked.push(bytes.subarray(i, i + 4096));
      expect(chunked.end()).toEqual(whole);
      if (name !== 'console') return;

      expect(explainLog(bytes)).toEqual(whole);
      const byText = new LogClassifier();
      byText.push(text.slice(0, 1_000_003));
      for (let i = 1_000_003; i < text.length; i += 65536) byText.push(text.slice(i, i + 65536));
      expect(byText.end()).toEqual(whole);
    });
  }
});
