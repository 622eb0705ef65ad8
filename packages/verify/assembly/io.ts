// Host <-> module exchange area.
//
//   linear memory
//   ┌──────────────────────┬──────────────────────────────────────────────┐
//   │ static data + tables │ heap (stub runtime, bump allocator)          │
//   │ (memory.data scratch)│ ┌ IO area ──────────┐ ┌ per-call scratch ──┐ │
//   │                      │ │ host-written input│ │ freed at next      │ │
//   │                      │ └───────────────────┘ └ ioReserve ─────────┘ │
//   └──────────────────────┴──────────────────────────────────────────────┘
//
// Protocol: the host calls ioReserve(len), writes `len` bytes at the returned pointer, then calls
// an operation with offsets into that area. ioReserve resets the heap first, so memory never grows
// beyond the largest single request: 100,000 calls use the same pages as one.
//
// Rule for all assembly code: no top-level `new` (it would live on the heap and be wiped by the
// reset). Constant tables are static array literals; fixed scratch space comes from memory.data.
import { MAX_IO } from './abi.generated';

/**
 * Resets the per-call heap and reserves `len` bytes for host input.
 * Returns the pointer to write to, or 0 when `len` exceeds MAX_IO.
 */
export function ioReserve(len: u32): usize {
  if (len > MAX_IO) return 0;
  heap.reset();
  return heap.alloc(max<usize>(<usize>len, 8));
}

// ---- range check for host-facing exports (added with the hashes, issue 3) -------------------

/**
 * True when [p, p + len) lies inside the heap / IO area (from __heap_base to the end of memory).
 * Exports that take pointers from the host check their ranges with this, so garbage never traps
 * and never writes into static data (tables, scratch).
 */
export function inIoArea(p: usize, len: usize): bool {
  const end = p + len;
  return p >= __heap_base && end >= p && end <= (<usize>memory.size()) << 16;
}
