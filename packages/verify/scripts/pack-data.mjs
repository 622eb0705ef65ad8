// Merges a wasm module's active data segments that lie close together into one, in place:
//   node scripts/pack-data.mjs <module.wasm> [maxGap]
//
// Why: wasm2c turns every data segment into a bounds-checked copy in the module's instantiate
// function (about 37 bytes of Cortex-M4 code each), and asc emits one segment per static datum
// (an OID, a constant table): 68 segments in the embedded build, most a few bytes apart. Merging
// neighbours whose gap is at most `maxGap` bytes (default 64; the gap's zero bytes become part of
// the merged segment) gives the same initial memory with a handful of segments. Only modules of
// the "embedded" target are packed (hosts/mcu/); the shipped verify.wasm is asc's output as is.
//
// Scope, and a typed refusal outside it: the Data section (WebAssembly core spec 5.5.12) may hold
// only active segments of memory 0 whose offset is one i32.const (flags 0), which is what asc
// emits without --importMemory/passive data; anything else, or overlapping segments, and the
// module is left unchanged with an error. The DataCount section (5.5.13), if present, is updated.
import { readFileSync, writeFileSync } from 'node:fs';

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (let i = 0; i < 5; i++) {
    const b = bytes[at++];
    if (b === undefined) throw new Error('truncated LEB128');
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, at];
    shift += 7;
  }
  throw new Error('LEB128 longer than 5 bytes');
}

/** Reads a signed 32-bit LEB128 at `at`: [value, next offset]. */
function sleb(bytes, at) {
  let value = 0;
  let shift = 0;
  let b;
  do {
    b = bytes[at++];
    if (b === undefined || shift > 28) throw new Error('bad signed LEB128');
    value |= (b & 0x7f) << shift;
    shift += 7;
  } while (b & 0x80);
  if (shift < 32 && b & 0x40) value |= -1 << shift;
  return [value, at];
}

const u = (n) => {
  const out = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const s = (n) => {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};

/** The module's sections: { id, start (of the contents), end }. */
function sections(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100 || bytes.readUInt32LE(4) !== 1)
    throw new Error('not a wasm v1 module');
  const list = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [len, start] = uleb(bytes, at + 1);
    if (start + len > bytes.length) throw new Error(`section ${id} runs past the end`);
    list.push({ id, header: at, start, end: start + len });
    at = start + len;
  }
  return list;
}

/** Returns the module with close data segments merged, and how many there were before and after. */
export function packData(bytes, maxGap = 64) {
  const list = sections(bytes);
  const data = list.find((x) => x.id === 11);
  if (!data) return { bytes, before: 0, after: 0 };
  let [count, at] = uleb(bytes, data.start);
  const segs = [];
  for (let i = 0; i < count; i++) {
    let flags;
    [flags, at] = uleb(bytes, at);
    if (flags !== 0) throw new Error(`data segment ${i}: flags ${flags} (only active segments of memory 0)`);
    if (bytes[at] !== 0x41) throw new Error(`data segment ${i}: offset is not one i32.const`);
    let offset;
    [offset, at] = sleb(bytes, at + 1);
    if (bytes[at] !== 0x0b) throw new Error(`data segment ${i}: offset expression longer than i32.const`);
    let len;
    [len, at] = uleb(bytes, at + 1);
    segs.push({ offset: offset >>> 0, data: bytes.subarray(at, at + len) });
    at += len;
  }
  if (at !== data.end) throw new Error('data section: trailing bytes');
  segs.sort((a, b) => a.offset - b.offset);
  const merged = [];
  for (const seg of segs) {
    const last = merged.at(-1);
    const lastEnd = last ? last.offset + last.parts.reduce((n, p) => n + p.length, 0) : 0;
    if (last && seg.offset < lastEnd) throw new Error(`data segments overlap at ${seg.offset}`);
    if (last && seg.offset - lastEnd <= maxGap) {
      last.parts.push(new Uint8Array(seg.offset - lastEnd), seg.data);
    } else merged.push({ offset: seg.offset, parts: [seg.data] });
  }
  const body = [...u(merged.length)];
  for (const m of merged) {
    const content = Buffer.concat(m.parts);
    body.push(0, 0x41, ...s(m.offset | 0), 0x0b, ...u(content.length), ...content);
  }
  const out = [
    bytes.subarray(0, data.header),
    Buffer.from([11, ...u(body.length), ...body]),
    bytes.subarray(data.end),
  ];
  let result = Buffer.concat(out);
  const dataCount = sections(result).find((x) => x.id === 12);
  if (dataCount) {
    const contents = Buffer.from(u(merged.length));
    result = Buffer.concat([
      result.subarray(0, dataCount.header),
      Buffer.from([12, ...u(contents.length)]),
      contents,
      result.subarray(dataCount.end),
    ]);
  }
  if (!WebAssembly.validate(result)) throw new Error('packed module does not validate');
  return { bytes: result, before: count, after: merged.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, gap] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node scripts/pack-data.mjs <module.wasm> [maxGap]');
    process.exit(2);
  }
  const r = packData(readFileSync(file), gap === undefined ? 64 : Number(gap));
  writeFileSync(file, r.bytes);
  console.log(`${file}: ${r.before} data segments -> ${r.after}`);
}
