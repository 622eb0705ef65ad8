// One lookup for the option values verifyChain turns into request ids and bits (chain-options.ts,
// stack-options.ts, verify-chain.ts): a value is a key of its option's table, or the option is
// invalid (INVALID_ARGUMENT, with the table's keys in the message).

/** The table's number for `v`, or undefined when `v` is not one of its keys (a boolean as 'true' / 'false'). */
export function optionLookup(table: Readonly<Record<string, number>>, v: unknown): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'boolean') return undefined;
  const key = String(v);
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The message for a value of option `what` outside its table. */
export function optionError(what: string, table: Readonly<Record<string, number>>): string {
  return `${what} must be one of ${Object.keys(table).join(', ')}`;
}
