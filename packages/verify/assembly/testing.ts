// Entry of build/verify.test.wasm: every export of verify.wasm plus internals that tests reach
// directly (big-integer layer, field arithmetic, raw primitives). Built with assertions on
// (asconfig target "test"); never shipped.
export * from './index';

// --- names/ (path worktree): name matchers, reached directly by src/names/*.test.ts ---
export { dnsMatches, dnsNameValid, dnsWildcardMayEnter, dnsWithin } from './names/dns';
export { emailConstraintValid, emailWithin, mailboxSplit } from './names/email';
export { formatIp, ipConstraintValid, ipWithin, parseIp } from './names/ip';
export { uriConstraintValid, uriHost, uriHostWithin } from './names/uri';
