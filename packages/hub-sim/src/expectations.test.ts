// resolveExpectation: the rules of the README's "Expected outcomes per device buffer", table-driven,
// and the cause vocabulary shared with @hubtrust/roots.
import { HANDSHAKE_CAUSES } from '@hubtrust/roots';
import { ERROR_CODES } from '@hubtrust/verify';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DeviceRecordProfile,
  INPUT_BUFFERS,
  RECORD_TOO_LARGE,
  resolveExpectation,
  type ScenarioExpectation,
  type ServedChain,
} from './expectations.js';
import { SCENARIO_NAMES, SCENARIOS } from './scenarios.js';

const AZURE: ServedChain = { certificateMessageBytes: { 'TLSv1.2': 3374, 'TLSv1.3': 3379 } };
const AWS_RSA: ServedChain = { certificateMessageBytes: { 'TLSv1.2': 5002, 'TLSv1.3': 5011 } };
const LARGE_CHAIN: ServedChain = { certificateMessageBytes: { 'TLSv1.2': 22_000, 'TLSv1.3': 22_010 } };

const maxSize = SCENARIOS['max-size-records'].expected;

describe('resolveExpectation', () => {
  const cases: [string, ScenarioExpectation, DeviceRecordProfile, ServedChain | undefined, string, string][] =
    [
      // [title, expected, device, served, outcome, from]
      ['unknown buffer = 16 KiB', maxSize, {}, undefined, 'handshake_success', 'default'],
      ['in-16k', maxSize, { inputBuffer: 'in-16k' }, undefined, 'handshake_success', 'default'],
      [
        'bytes above 16 KiB clamp',
        maxSize,
        { inputBuffer: 65_536 },
        undefined,
        'handshake_success',
        'default',
      ],
      [
        'in-4k, no MFL: below the smallest listed entry',
        maxSize,
        { inputBuffer: 'in-4k' },
        undefined,
        'record_too_large',
        'in-8k',
      ],
      [
        '12 KiB: the in-8k entry applies',
        maxSize,
        { inputBuffer: 12_288 },
        undefined,
        'record_too_large',
        'in-8k',
      ],
      [
        '16,383 bytes is still short of a full record',
        maxSize,
        { inputBuffer: 16_383 },
        undefined,
        'record_too_large',
        'in-8k',
      ],
      [
        'in-4k offering MFL 4096',
        maxSize,
        { inputBuffer: 'in-4k', maxFragmentLength: 4096 },
        AZURE,
        'handshake_success',
        'default',
      ],
      [
        'in-4k offering MFL 512',
        maxSize,
        { inputBuffer: 4096, maxFragmentLength: 512 },
        undefined,
        'handshake_success',
        'default',
      ],
      [
        'in-2k offering MFL 4096 (more than it holds)',
        maxSize,
        { inputBuffer: 'in-2k', maxFragmentLength: 4096 },
        undefined,
        'record_too_large',
        'in-8k',
      ],
      [
        'no byBuffer: the default for every buffer',
        SCENARIOS.current.expected,
        { inputBuffer: 'in-4k' },
        undefined,
        'handshake_success',
        'default',
      ],
      [
        'chain rule: Azure chain fits 4 KiB',
        SCENARIOS.current.expected,
        { inputBuffer: 'in-4k' },
        AZURE,
        'handshake_success',
        'default',
      ],
      [
        'chain rule: Azure chain does not fit 2 KiB',
        SCENARIOS.current.expected,
        { inputBuffer: 'in-2k' },
        AZURE,
        'record_too_large',
        'certificate-record',
      ],
      [
        'chain rule: AWS RSA chain does not fit 4 KiB',
        SCENARIOS.current.expected,
        { inputBuffer: 'in-4k' },
        AWS_RSA,
        'record_too_large',
        'certificate-record',
      ],
      [
        'chain rule before the chain check: untrusted-root on 4 KiB',
        SCENARIOS['untrusted-root'].expected,
        { inputBuffer: 'in-4k' },
        AWS_RSA,
        'record_too_large',
        'certificate-record',
      ],
      [
        'chain rule skipped when the hub refuses first',
        SCENARIOS['tls10-only'].expected,
        { inputBuffer: 'in-2k' },
        AWS_RSA,
        'protocol_mismatch',
        'default',
      ],
      [
        'large-chain: 16 KiB records reassembled by a 16 KiB device',
        SCENARIOS['large-chain'].expected,
        { inputBuffer: 'in-16k' },
        LARGE_CHAIN,
        'handshake_success',
        'default',
      ],
      [
        'large-chain: an 8 KiB device without MFL',
        SCENARIOS['large-chain'].expected,
        { inputBuffer: 'in-8k' },
        LARGE_CHAIN,
        'record_too_large',
        'certificate-record',
      ],
      [
        'large-chain: an 8 KiB device with MFL 4096',
        SCENARIOS['large-chain'].expected,
        { inputBuffer: 'in-8k', maxFragmentLength: 4096 },
        LARGE_CHAIN,
        'handshake_success',
        'default',
      ],
    ];
  it.each(cases)('%s', (_title, expected, device, served, outcome, from) => {
    const resolved = resolveExpectation(expected, device, served);
    expect(resolved.detail ?? resolved.cause).toBe(outcome);
    expect(resolved.from).toBe(from);
    expect(resolved.connects).toBe(outcome === 'handshake_success');
    expect('byBuffer' in resolved).toBe(false);
  });

  it('keeps the scenario fields and reports the effective buffer', () => {
    expect(resolveExpectation(SCENARIOS['expired-leaf'].expected, { inputBuffer: 'in-8k' })).toEqual({
      connects: false,
      cause: 'expired',
      alert: { name: 'certificate_expired', sentBy: 'device' },
      opensslVerifyError: 'certificate has expired',
      chainError: 'EXPIRED',
      from: 'default',
      effectiveBuffer: 8192,
    });
    expect(
      resolveExpectation(maxSize, { inputBuffer: 'in-1k', maxFragmentLength: 1024 }).effectiveBuffer,
    ).toBe(16_384);
    expect(resolveExpectation(maxSize, { inputBuffer: 'in-1k' })).toEqual({
      ...RECORD_TOO_LARGE,
      from: 'in-8k',
      effectiveBuffer: 1024,
    });
  });

  it('picks the largest listed buffer not above the device, else the smallest listed', () => {
    const graded: ScenarioExpectation = {
      ...SCENARIOS.current.expected,
      byBuffer: { 'in-2k': RECORD_TOO_LARGE, 'in-8k': { ...RECORD_TOO_LARGE, detail: 'eight' } },
    };
    const from = (inputBuffer: number) => resolveExpectation(graded, { inputBuffer }).from;
    expect([512, 2048, 4096, 8191, 8192, 16_000].map(from)).toEqual([
      'in-2k',
      'in-2k',
      'in-2k',
      'in-2k',
      'in-8k',
      'in-8k',
    ]);
  });

  it('rejects buffers and fragment lengths that do not exist', () => {
    expect(() => resolveExpectation(maxSize, { inputBuffer: 'in-3k' as never })).toThrow(TypeError);
    expect(() => resolveExpectation(maxSize, { inputBuffer: 0 })).toThrow(TypeError);
    expect(() => resolveExpectation(maxSize, { inputBuffer: 4096.5 })).toThrow(TypeError);
    expect(() => resolveExpectation(maxSize, { inputBuffer: 4096, maxFragmentLength: 3000 })).toThrow(
      TypeError,
    );
  });

  it('is total over every scenario, buffer and MFL, and never more optimistic for a smaller buffer', () => {
    const buffers = fc.oneof(
      fc.constantFrom(...Object.keys(INPUT_BUFFERS)),
      fc.integer({ min: 1, max: 70_000 }),
    );
    const mfl = fc.constantFrom(null, 512, 1024, 2048, 4096);
    fc.assert(
      fc.property(fc.constantFrom(...SCENARIO_NAMES), buffers, buffers, mfl, (name, a, b, offered) => {
        const bytes = (v: string | number) =>
          Math.min(typeof v === 'number' ? v : INPUT_BUFFERS[v as 'in-4k'], 16_384);
        const [small, large] = bytes(a) <= bytes(b) ? [a, b] : [b, a];
        const device = (inputBuffer: string | number) =>
          resolveExpectation(
            SCENARIOS[name].expected,
            { inputBuffer: inputBuffer as number, maxFragmentLength: offered },
            AZURE,
          );
        expect(HANDSHAKE_CAUSES).toContain(device(small).cause);
        if (device(small).connects) expect(device(large).connects).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the cause vocabulary', () => {
  it('every scenario expectation uses a cause of @hubtrust/roots; other carries a detail only for record sizes', () => {
    for (const name of SCENARIO_NAMES) {
      const { expected } = SCENARIOS[name];
      for (const outcome of [expected, ...Object.values(expected.byBuffer ?? {})]) {
        expect(HANDSHAKE_CAUSES, name).toContain(outcome.cause);
        if (outcome.detail !== undefined)
          expect(outcome).toMatchObject({ cause: 'other', detail: 'record_too_large' });
      }
    }
  });

  it('a chain error is a verify error code and implies a refusal with the cause it names', () => {
    const causeOf: Record<string, string> = {
      UNKNOWN_ISSUER: 'unknown_ca',
      EXPIRED: 'expired',
      NOT_YET_VALID: 'not_yet_valid_clock',
      NAME_MISMATCH: 'hostname_mismatch',
      WEAK_SIGNATURE_ALGORITHM: 'other',
    };
    for (const name of SCENARIO_NAMES) {
      const { expected } = SCENARIOS[name];
      for (const outcome of [expected, ...Object.values(expected.byBuffer ?? {})]) {
        if (outcome.chainError === null) continue;
        expect(ERROR_CODES, name).toContain(outcome.chainError);
        expect(outcome.connects, name).toBe(false);
        expect(outcome.cause, name).toBe(causeOf[outcome.chainError]);
        expect(outcome.opensslVerifyError, name).not.toBe(null);
      }
      // A verify error from openssl means a chain error, and the reverse.
      expect(expected.chainError === null, name).toBe(expected.opensslVerifyError === null);
    }
  });
});
