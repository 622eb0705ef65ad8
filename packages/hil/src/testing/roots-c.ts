// TEMPORARY test-side helper, to be replaced by @hubtrust/roots' C writer (branch roots-formats)
// once it lands: renders PEM roots in that writer's fixed output shape (DER form, symbol prefix
// `hubtrust_roots`), so the native board compiles against exactly what the writer will produce.
import { X509Certificate } from 'node:crypto';
import type { FirmwareBundle } from '../flashers/flasher.js';

/** Renders `pems` (one certificate each, or concatenated) as the roots writer's DER C source. */
export function rootsAsC(name: string, pems: readonly string[]): FirmwareBundle {
  const blocks = pems.flatMap(
    (p) => p.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [],
  );
  const ders = blocks.map((b) => new X509Certificate(b));
  const header = `/* Generated trust bundle "${name}" (hubtrust). Do not edit. */
#ifndef HUBTRUST_ROOTS_H
#define HUBTRUST_ROOTS_H
#include <stddef.h>
extern const unsigned char *const hubtrust_roots_der[];
extern const size_t hubtrust_roots_der_len[];
extern const size_t hubtrust_roots_count;
#endif
`;
  const arrays = ders.map((c, i) => {
    const bytes = [...c.raw].map((b) => `0x${b.toString(16).padStart(2, '0')}`);
    const rows: string[] = [];
    for (let j = 0; j < bytes.length; j += 12) rows.push(`  ${bytes.slice(j, j + 12).join(', ')},`);
    return `/* ${c.subject.replace(/\n/g, ', ')} */\nstatic const unsigned char root_${i}[${c.raw.length}] = {\n${rows.join('\n')}\n};`;
  });
  const source = `/* Generated trust bundle "${name}" (hubtrust). Do not edit. */
#include "hubtrust_roots.h"
${arrays.join('\n')}
const unsigned char *const hubtrust_roots_der[] = { ${ders.length ? ders.map((_, i) => `root_${i}`).join(', ') : '0'} };
const size_t hubtrust_roots_der_len[] = { ${ders.length ? ders.map((c) => c.raw.length).join(', ') : '0'} };
const size_t hubtrust_roots_count = ${ders.length};
`;
  return { name, header, source };
}
