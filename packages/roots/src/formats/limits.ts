// Budgets of the format readers and the scanner. Every loop over untrusted input is bounded by
// the input's length and by these counts; exceeding one is a FormatError (`INPUT_TOO_LARGE` or
// `LIMIT_EXCEEDED`), never a hang or an allocation proportional to a claimed (not actual) size.

/**
 * Largest certificate accepted anywhere (128 KiB): the per-certificate limit of
 * `@hubtrust/verify`'s decoder (README, "X.509 decoding"), so anything longer could not be decoded
 * anyway. Real roots are 0.5–2 KiB.
 */
export const MAX_CERTIFICATE_BYTES = 128 * 1024;

/**
 * Longest PEM block body searched for its END line (4/3 of the largest certificate plus line
 * breaks, rounded up): a BEGIN line with no END within this many characters is `PEM_UNTERMINATED`.
 */
export const MAX_PEM_BODY_CHARS = 192 * 1024;

/** Certificates returned by one read (a whole Mozilla store is ~150; Node embeds 144). */
export const MAX_CERTIFICATES = 10_000;

/** Errors kept per read; later ones are counted in a final `LIMIT_EXCEEDED` error. */
export const MAX_ERRORS = 1_000;

/**
 * Longest Intel HEX line accepted: a record holds at most 255 data bytes, so
 * `:` + 2 (count) + 4 (address) + 2 (type) + 510 (data) + 2 (checksum) = 521 characters, plus CR.
 * Longer lines are `HEX_LINE_TOO_LONG` and are skipped without being buffered.
 */
export const MAX_HEX_LINE_CHARS = 522;

/**
 * Decoded bytes an Intel HEX file may describe (256 MiB): far above any microcontroller's flash,
 * and what bounds the memory the decoder allocates.
 */
export const MAX_HEX_DATA_BYTES = 256 * 1024 * 1024;

/** Symbols read from one ELF symbol table (Node's own binary has ~185,000). */
export const MAX_ELF_SYMBOLS = 4_000_000;

/** Sections read from one ELF file (ELF allows 65,535 with the short form). */
export const MAX_ELF_SECTIONS = 65_535;

/**
 * Entries of an ESP-IDF certificate bundle accepted by the readers: the u16 count of the v4.2
 * format. ESP-IDF itself refuses more than `CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_MAX_CERTS` (default
 * 200, `gen_crt_bundle.py` DEFAULT_CERT_BUNDLE_MAX_CERTS): the writers warn above that.
 */
export const MAX_ESP_BUNDLE_ENTRIES = 65_535;

/** ESP-IDF's default `CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_MAX_CERTS` (esp_crt_bundle Kconfig). */
export const ESP_IDF_DEFAULT_MAX_CERTS = 200;

/** Brace-list elements read from one C initializer (a 2 KiB certificate is 2,048 elements). */
export const MAX_C_ARRAY_ELEMENTS = 16 * 1024 * 1024;

/** Nesting of `#if` sections tracked in a C source (the C standard's minimum is 63). */
export const MAX_C_CONDITION_DEPTH = 256;
