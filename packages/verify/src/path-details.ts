// Texts of path validation's detail codes (abi.json details.path, numbered from 200). Codes below
// 200 are the decoder's (x509-details.ts).
import { PATH_DETAIL_BASE, PATH_DETAILS } from './abi.generated.js';
import { x509Detail } from './x509-details.js';

export { PATH_DETAIL_BASE, PATH_DETAILS };

/** Name and text of a detail code from the verifyChain result (path or decoder). */
export function pathDetail(n: number): { name: string; text: string } {
  if (n < PATH_DETAIL_BASE) return x509Detail(n);
  const d = PATH_DETAILS[n - PATH_DETAIL_BASE];
  return d ? { name: d[0], text: d[1] } : { name: `DETAIL_${n}`, text: `path detail ${n}` };
}
