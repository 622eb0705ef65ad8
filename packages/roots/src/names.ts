// Distinguished-name normalisation for subject lookups. Names reach us in several renderings:
// RFC 4514 text (most significant attribute last, `\,` escapes), the forward order mbedTLS,
// wolfSSL and OpenSSL's `-nameopt` print (`C=US, O=…, CN=…`, commas inside values often left
// unescaped) and OpenSSL's one-line form (`/C=US/O=…/CN=…`). The key is the sorted multiset of
// `type=value` pairs, types upper-cased with long names mapped to the short ones of RFC 4514 §3,
// values unescaped, whitespace collapsed and lower-cased: order and separator do not matter.

const TYPE_ALIASES: Readonly<Record<string, string>> = {
  COMMONNAME: 'CN',
  '2.5.4.3': 'CN',
  ORGANIZATIONNAME: 'O',
  '2.5.4.10': 'O',
  ORGANIZATIONALUNITNAME: 'OU',
  '2.5.4.11': 'OU',
  COUNTRYNAME: 'C',
  '2.5.4.6': 'C',
  LOCALITYNAME: 'L',
  '2.5.4.7': 'L',
  STATEORPROVINCENAME: 'ST',
  S: 'ST',
  '2.5.4.8': 'ST',
  EMAILADDRESS: 'E',
  EMAIL: 'E',
  '1.2.840.113549.1.9.1': 'E',
};

/** The order- and format-independent key of a distinguished name (see the file header). */
export function nameKey(dn: string): string {
  const t = dn.trim();
  // OpenSSL one-line form: split before every "/TYPE=".
  const parts = t.startsWith('/')
    ? t.slice(1).split(/\/(?=[A-Za-z][A-Za-z0-9.-]*=)/)
    : // Split on commas (or semicolons/plus signs) that are not escaped and start a new TYPE=.
      t.split(/(?<!\\)[,;+]\s*(?=[A-Za-z][A-Za-z0-9.-]*\s*=)/);
  const pairs = parts
    .map((p) => {
      const eq = p.indexOf('=');
      if (eq < 0) return p.trim().toLowerCase();
      const rawType = p.slice(0, eq).trim().toUpperCase();
      const type = TYPE_ALIASES[rawType] ?? rawType;
      const value = p
        .slice(eq + 1)
        .replace(/\\(.)/g, '$1')
        .replace(/\s+/g, ' ')
        .trim()
        .toLowerCase();
      return `${type}=${value}`;
    })
    .filter((p) => p.length > 0);
  return pairs.sort().join('\n');
}
