// Escaping for text placed in HTML and SVG (both XML-compatible here): every value that comes
// from a certificate (names, SANs) is attacker-controlled, so nothing is inserted unescaped.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for an HTML/SVG text node or a quoted attribute value. Control characters other
 * than tab and newline (invalid in XML 1.0) become U+FFFD.
 * @example escapeXml('<CN=a&b>') // '&lt;CN=a&amp;b&gt;'
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ENTITIES[c] as string)
    .replace(/[\p{Cc}\uFFFE\uFFFF]/gu, (c) => (c === '\t' || c === '\n' || c === '\r' ? c : '\uFFFD'));
}

/**
 * Shortens `text` to at most `max` characters, ending with an ellipsis when cut.
 * @example ellipsize('Microsoft Azure RSA TLS Issuing CA 03', 20) // 'Microsoft Azure RSA…'
 */
export function ellipsize(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
