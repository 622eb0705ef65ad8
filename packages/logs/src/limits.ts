// Budgets of the classifier. Every loop over the input is bounded by one of these.

/**
 * Longest line kept, in UTF-16 code units (64 KiB, the bound): the rest of a longer line is
 * dropped as it arrives, so memory is bounded by this, not by the input.
 */
export const MAX_LINE_LENGTH = 64 * 1024;

/** Characters of a line examined by the rules: log lines that matter are short; a 64 KiB hex dump is not read through 40 patterns. */
export const MAX_SCAN_LENGTH = 2048;

/** Characters of a line stored as evidence. */
export const MAX_EVIDENCE_TEXT = 300;

/** Distinct findings kept (by cause + detail); later distinct ones are counted, not stored. */
export const MAX_FINDINGS = 256;

/** Evidence lines returned. */
export const MAX_EVIDENCE = 8;
