// ASCII helpers shared by the name matchers. Names in certificates are compared as ASCII only
// (RFC 6125 §6.4.1: case-insensitive ASCII; non-ASCII labels must arrive as A-labels).

/** ASCII lower-case of one byte; other bytes are returned unchanged. */
export function lowerAscii(b: u32): u32 {
  return b - 0x41 < 26 ? b | 0x20 : b;
}

/** Byte-exact equality of two byte strings. */
export function bytesEqual(a: usize, aLen: i32, b: usize, bLen: i32): bool {
  if (aLen !== bLen) return false;
  return memory.compare(a, b, <usize>aLen) === 0;
}

/** Equality of two byte strings ignoring ASCII case. */
export function asciiEqualIgnoreCase(a: usize, aLen: i32, b: usize, bLen: i32): bool {
  if (aLen !== bLen) return false;
  for (let i = 0; i < aLen; i++) {
    if (lowerAscii(load<u8>(a + <usize>i)) !== lowerAscii(load<u8>(b + <usize>i))) return false;
  }
  return true;
}

/** Index of the first `ch` in [p, p+len), or -1. */
export function indexOfByte(p: usize, len: i32, ch: u32): i32 {
  for (let i = 0; i < len; i++) if (<u32>load<u8>(p + <usize>i) === ch) return i;
  return -1;
}

/** Index of the last `ch` in [p, p+len), or -1. */
export function lastIndexOfByte(p: usize, len: i32, ch: u32): i32 {
  for (let i = len - 1; i >= 0; i--) if (<u32>load<u8>(p + <usize>i) === ch) return i;
  return -1;
}

/** Whether a byte is an ASCII letter or digit. */
export function isAlnum(b: u32): bool {
  return b - 0x30 < 10 || (b | 0x20) - 0x61 < 26;
}

/** Whether a byte is an ASCII decimal digit. */
export function isDigit(b: u32): bool {
  return b - 0x30 < 10;
}
