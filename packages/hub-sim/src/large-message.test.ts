import { describe, expect, it } from 'vitest';
import { LARGE_MESSAGE_BYTES_RANGE, largeMessage, topicForFilter } from './large-message.js';

describe('largeMessage', () => {
  it('is JSON of exactly the requested size', () => {
    for (const bytes of [64, 100, 16_384, 40_000, 256 * 1024]) {
      const message = largeMessage(bytes);
      expect(message.length).toBe(bytes);
      expect(JSON.parse(message.toString())).toMatchObject({ hubtrust: 'large message', bytes });
    }
  });

  it('refuses sizes outside the range', () => {
    for (const bytes of [0, 63, LARGE_MESSAGE_BYTES_RANGE.max + 1, 1000.5, Number.NaN]) {
      expect(() => largeMessage(bytes)).toThrow(RangeError);
    }
  });
});

describe('topicForFilter', () => {
  it('turns a filter into a topic it matches (MQTT 3.1.1 §4.7)', () => {
    expect(topicForFilter('test_1')).toBe('test_1');
    expect(topicForFilter('#')).toBe('hubtrust=record-size');
    expect(topicForFilter('devices/d1/messages/devicebound/#')).toBe(
      'devices/d1/messages/devicebound/hubtrust=record-size',
    );
    expect(topicForFilter('a/+/b/+')).toBe('a/hubtrust/b/hubtrust');
  });
});
