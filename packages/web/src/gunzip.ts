// Gzip-compressed drops (a `boot.log.gz` attached to a ticket) are decompressed with the
// platform's DecompressionStream (Compression Streams, WHATWG; in every current browser and in
// Node 18+): no library. The output is bounded, so a small hostile file cannot fill the memory.

/** Gzip's magic bytes (RFC 1952, section 2.3.1: ID1 ID2). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A compressed input whose content is larger than the limit, or not valid gzip. */
export class GunzipError extends Error {
  override readonly name = 'GunzipError';
}

/**
 * Decompresses gzip bytes, stopping as soon as more than `limit` bytes come out.
 * @throws GunzipError when the output passes `limit` or the data is not valid gzip
 * @example const log = await gunzip(bytes, 16 * 1024 * 1024);
 */
export async function gunzip(bytes: Uint8Array, limit: number, name = 'the input'): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    // Each read returns a chunk or ends the stream; the limit stops it early.
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      total += r.value.length;
      if (total > limit) {
        await reader.cancel();
        throw new GunzipError(`${name} decompresses to more than ${limit} bytes`);
      }
      chunks.push(r.value);
    }
  } catch (error) {
    if (error instanceof GunzipError) throw error;
    throw new GunzipError(
      `${name} is not valid gzip: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
