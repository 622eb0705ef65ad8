// biome-ignore-all lint/style/useImportType: AssemblyScript has no type-only imports
// UTCTime and GeneralizedTime as RFC 5280 §4.1.2.5 profiles them, to seconds since the Unix epoch.
//
// - UTCTime (§4.1.2.5.1): exactly YYMMDDHHMMSSZ. Seconds present, 'Z' only (no offsets).
//   YY >= 50 is 19YY, YY < 50 is 20YY.
// - GeneralizedTime (§4.1.2.5.2): exactly YYYYMMDDHHMMSSZ. Seconds present, 'Z' only, no
//   fractional seconds.
// - Every field in range: month 1-12, day within the month (Gregorian leap years), hour 0-23,
//   minute 0-59, second 0-59 (no leap second: RFC 5280 times are UTC without one, and X.680's
//   60 would denote a moment the next second already names).
// The profile also says dates through 2049 MUST be UTCTime; that is a rule for issuers, and
// like Go and rustls-webpki this reader accepts a GeneralizedTime before 2050.
import { TAG_GENERALIZED_TIME, TAG_UTC_TIME } from './reader';

/** What derTime returns for a Time that breaks the profile (no valid Time comes near it). */
export const TIME_INVALID: i64 = i64.MIN_VALUE;

// Two ASCII digits at p, or -1.
function digits2(p: usize): i32 {
  const a = <i32>load<u8>(p) - 0x30;
  const b = <i32>load<u8>(p + 1) - 0x30;
  if (<u32>a > 9 || <u32>b > 9) return -1;
  return a * 10 + b;
}

/** Days in `month` (1-12) of `year`. */
function daysInMonth(year: i32, month: i32): i32 {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to the given civil date (proleptic Gregorian; H. Hinnant's
 * days_from_civil). In i32: derTime's years are 0..9999, where every intermediate stays below
 * 2^22; a 64-bit division would pull libgcc's __aeabi_ldivmod (about 0.9 KiB of Cortex-M4 code)
 * into the embedded build.
 */
export function daysFromCivil(year: i32, month: i32, day: i32): i64 {
  const y = month <= 2 ? year - 1 : year;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return <i64>(era * 146097 + doe - 719468);
}

/**
 * Decodes a Time (the contents of a UTCTime or GeneralizedTime TLV, `tag` tells which) to seconds
 * since 1970-01-01T00:00:00Z, or TIME_INVALID on any deviation from the RFC 5280 profile.
 */
export function derTime(tag: u32, val: usize, len: u32): i64 {
  let year: i32;
  let p = val;
  if (tag === TAG_UTC_TIME) {
    if (len !== 13) return TIME_INVALID;
    const yy = digits2(p);
    if (yy < 0) return TIME_INVALID;
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    p += 2;
  } else if (tag === TAG_GENERALIZED_TIME) {
    if (len !== 15) return TIME_INVALID;
    const hi = digits2(p);
    const lo = digits2(p + 2);
    if (hi < 0 || lo < 0) return TIME_INVALID;
    year = hi * 100 + lo;
    p += 4;
  } else {
    return TIME_INVALID;
  }
  const month = digits2(p);
  const day = digits2(p + 2);
  const hour = digits2(p + 4);
  const minute = digits2(p + 6);
  const second = digits2(p + 8);
  if (load<u8>(p + 10) !== 0x5a) return TIME_INVALID; // 'Z'
  if (month < 1 || month > 12) return TIME_INVALID;
  if (day < 1 || day > daysInMonth(year, month)) return TIME_INVALID;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return TIME_INVALID;
  return daysFromCivil(year, month, day) * 86400 + <i64>(hour * 3600 + minute * 60 + second);
}
