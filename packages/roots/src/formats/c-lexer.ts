// A bounded C/C++ lexer for the files firmware keeps its roots in (ISO C11 §6.4, C++11
// [lex.string] for raw strings). It knows just enough to find certificates: string literals (with
// every escape, prefixes and backslash-newline splices), C++ raw strings, character constants,
// numbers, identifiers, punctuators, comments and preprocessor directives (with `\` continuation
// lines). It does not preprocess: the reader tracks `#if` sections itself to report the condition
// each certificate is under. Each character is visited a bounded number of times (no
// backtracking), so the work is linear in the input.

/** A string literal's decoded text and, per decoded character, its source offset. */
export interface CString {
  kind: 'string';
  start: number;
  end: number;
  /** Decoded characters; a code above 0xFF comes from a wide escape (\x123, \u..). */
  value: string;
  /** Source offset of each decoded character. */
  at: Int32Array;
  raw: boolean;
}

/** One token. `start`/`end` are source offsets. */
export type CToken =
  | CString
  | { kind: 'number' | 'ident' | 'punct'; start: number; end: number; text: string }
  | { kind: 'char'; start: number; end: number; value: number | undefined }
  | { kind: 'comment'; start: number; end: number; text: string }
  | { kind: 'directive'; start: number; end: number; name: string; tokens: CToken[]; text: string };

/** A lexing problem (unterminated literal or comment). */
export interface CLexProblem {
  offset: number;
  message: string;
}

const isIdentStart = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24;
const isIdent = (c: number) => isIdentStart(c) || (c >= 0x30 && c <= 0x39);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const STRING_PREFIXES = new Set(['L', 'u', 'U', 'u8']);
const RAW_PREFIXES = new Set(['R', 'LR', 'uR', 'UR', 'u8R']);
const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  n: 10,
  t: 9,
  r: 13,
  v: 11,
  f: 12,
  a: 7,
  b: 8,
  '\\': 92,
  "'": 39,
  '"': 34,
  '?': 63,
  e: 27,
};
/** Longest raw-string delimiter ([lex.string]: at most 16 characters). */
const MAX_RAW_DELIMITER = 16;

/** Lexes `src[start, end)`. In directive mode a newline ends nothing (the caller bounds it). */
export function lexC(
  src: string,
  problems: CLexProblem[],
  start = 0,
  end = src.length,
  directive = false,
): CToken[] {
  const tokens: CToken[] = [];
  let i = start;
  let lineStart = true;
  while (i < end) {
    const c = src.charCodeAt(i);
    // whitespace and line splices
    if (c === 0x0a) {
      lineStart = true;
      i++;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0b || c === 0x0c) {
      i++;
      continue;
    }
    if (
      c === 0x5c &&
      (src.charCodeAt(i + 1) === 0x0a || (src.charCodeAt(i + 1) === 0x0d && src.charCodeAt(i + 2) === 0x0a))
    ) {
      i += src.charCodeAt(i + 1) === 0x0a ? 2 : 3;
      continue;
    }
    // comments
    if (c === 0x2f && src.charCodeAt(i + 1) === 0x2f) {
      let j = i + 2;
      while (j < end && src.charCodeAt(j) !== 0x0a) j++;
      tokens.push({ kind: 'comment', start: i, end: j, text: src.slice(i + 2, j) });
      i = j;
      continue;
    }
    if (c === 0x2f && src.charCodeAt(i + 1) === 0x2a) {
      const close = src.indexOf('*/', i + 2);
      const j = close < 0 || close + 2 > end ? end : close + 2;
      if (close < 0 || close + 2 > end) problems.push({ offset: i, message: 'comment "/*" is never closed' });
      tokens.push({ kind: 'comment', start: i, end: j, text: src.slice(i + 2, close < 0 ? j : close) });
      i = j;
      continue;
    }
    // preprocessor directive: '#' first on its line
    if (c === 0x23 && lineStart && !directive) {
      const j = directiveEnd(src, i + 1, end);
      const inner = lexC(src, problems, i + 1, j, true);
      const first = inner[0];
      const name = first?.kind === 'ident' ? first.text : '';
      tokens.push({
        kind: 'directive',
        start: i,
        end: j,
        name,
        tokens: inner.slice(name ? 1 : 0),
        text: src.slice(i, j),
      });
      i = j;
      lineStart = true;
      continue;
    }
    lineStart = false;
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < end && isIdent(src.charCodeAt(j))) j++;
      const word = src.slice(i, j);
      if (src.charCodeAt(j) === 0x22 && RAW_PREFIXES.has(word)) {
        const t = rawString(src, i, j + 1, end, problems);
        tokens.push(t);
        i = t.end;
        continue;
      }
      if (src.charCodeAt(j) === 0x22 && STRING_PREFIXES.has(word)) {
        const t = quoted(src, i, j, end, 0x22, problems);
        tokens.push(t);
        i = t.end;
        continue;
      }
      if (src.charCodeAt(j) === 0x27 && STRING_PREFIXES.has(word)) {
        const t = charToken(src, i, j, end, problems);
        tokens.push(t);
        i = t.end;
        continue;
      }
      tokens.push({ kind: 'ident', start: i, end: j, text: word });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 0x2e && isDigit(src.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < end) {
        const d = src.charCodeAt(j);
        if (isIdent(d) || d === 0x2e || d === 0x27) j++;
        else if ((d === 0x2b || d === 0x2d) && /[eEpP]/.test(src[j - 1] ?? '')) j++;
        else break;
      }
      tokens.push({ kind: 'number', start: i, end: j, text: src.slice(i, j) });
      i = j;
      continue;
    }
    if (c === 0x22) {
      const t = quoted(src, i, i, end, 0x22, problems);
      tokens.push(t);
      i = t.end;
      continue;
    }
    if (c === 0x27) {
      const t = charToken(src, i, i, end, problems);
      tokens.push(t);
      i = t.end;
      continue;
    }
    tokens.push({ kind: 'punct', start: i, end: i + 1, text: src[i] as string });
    i++;
  }
  return tokens;
}

/** End of a directive starting at `i`: the first newline not preceded by `\`, outside comments and literals. */
function directiveEnd(src: string, i: number, end: number): number {
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 0x0a) return i;
    if (c === 0x5c && src.charCodeAt(i + 1) === 0x0a) i += 2;
    else if (c === 0x5c && src.charCodeAt(i + 1) === 0x0d && src.charCodeAt(i + 2) === 0x0a) i += 3;
    else if (c === 0x2f && src.charCodeAt(i + 1) === 0x2a) {
      const close = src.indexOf('*/', i + 2);
      i = close < 0 || close + 2 > end ? end : close + 2;
    } else if (c === 0x2f && src.charCodeAt(i + 1) === 0x2f) {
      while (i < end && src.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x22 || c === 0x27) {
      i = i + 1;
      while (i < end && src.charCodeAt(i) !== c && src.charCodeAt(i) !== 0x0a)
        i += src.charCodeAt(i) === 0x5c ? 2 : 1;
      if (src.charCodeAt(i) === c) i++;
    } else i++;
  }
  return end;
}

/** A character constant whose opening quote is at `q` (`start` includes any prefix). */
function charToken(src: string, start: number, q: number, end: number, problems: CLexProblem[]): CToken {
  const t = quoted(src, start, q, end, 0x27, problems);
  return { kind: 'char', start, end: t.end, value: t.value.length === 1 ? t.value.charCodeAt(0) : undefined };
}

/** A quoted literal whose opening quote is at `q` (`start` includes any prefix). */
function quoted(
  src: string,
  start: number,
  q: number,
  end: number,
  quote: number,
  problems: CLexProblem[],
): CString {
  let value = '';
  const at: number[] = [];
  let i = q + 1;
  for (;;) {
    if (i >= end || src.charCodeAt(i) === 0x0a) {
      problems.push({
        offset: start,
        message: `${quote === 0x22 ? 'string' : 'character'} literal is never closed`,
      });
      break;
    }
    const c = src.charCodeAt(i);
    if (c === quote) {
      i++;
      break;
    }
    if (c !== 0x5c) {
      value += src[i];
      at.push(i);
      i++;
      continue;
    }
    // escapes (C11 §6.4.4.4)
    const e = src[i + 1] ?? '';
    if (e === '\n') {
      i += 2;
      continue;
    }
    if (e === '\r' && src[i + 2] === '\n') {
      i += 3;
      continue;
    }
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      value += String.fromCharCode(simple);
      at.push(i);
      i += 2;
      continue;
    }
    if (e >= '0' && e <= '7') {
      let v = 0;
      let j = i + 1;
      while (j < i + 4 && src.charCodeAt(j) >= 0x30 && src.charCodeAt(j) <= 0x37)
        v = v * 8 + src.charCodeAt(j++) - 0x30;
      value += String.fromCharCode(v);
      at.push(i);
      i = j;
      continue;
    }
    if (e === 'x' || e === 'u' || e === 'U') {
      let j = i + 2;
      const max = e === 'x' ? 8 : e === 'u' ? 4 : 8;
      let v = 0;
      while (j < end && j < i + 2 + max && isHex(src.charCodeAt(j)))
        v = v * 16 + Number.parseInt(src[j++] as string, 16);
      // \x with more than 8 digits: keep consuming so the literal stays aligned; the value overflows.
      while (e === 'x' && j < end && isHex(src.charCodeAt(j))) {
        v = 0x110000;
        j++;
      }
      value += String.fromCharCode(Math.min(v, 0xffff));
      at.push(i);
      i = j;
      continue;
    }
    value += e;
    at.push(i);
    i += 2;
  }
  return { kind: 'string', start, end: Math.min(i, end), value, at: Int32Array.from(at), raw: false };
}

/** A raw string literal `R"delim( ... )delim"`; `open` is the index after the opening quote. */
function rawString(src: string, start: number, open: number, end: number, problems: CLexProblem[]): CString {
  const paren = src.indexOf('(', open);
  const delim = paren < 0 ? '' : src.slice(open, paren);
  if (paren < 0 || paren >= end || delim.length > MAX_RAW_DELIMITER || /[\s\\)"]/.test(delim)) {
    problems.push({ offset: start, message: 'raw string literal has no valid "delimiter(" opening' });
    return { kind: 'string', start, end: open, value: '', at: new Int32Array(0), raw: true };
  }
  const closing = `)${delim}"`;
  const close = src.indexOf(closing, paren + 1);
  if (close < 0 || close + closing.length > end) {
    problems.push({ offset: start, message: `raw string literal is never closed by '${closing}'` });
    const value = src.slice(paren + 1, end);
    return { kind: 'string', start, end, value, at: offsets(paren + 1, value.length), raw: true };
  }
  const value = src.slice(paren + 1, close);
  return {
    kind: 'string',
    start,
    end: close + closing.length,
    value,
    at: offsets(paren + 1, value.length),
    raw: true,
  };
}

function offsets(from: number, n: number): Int32Array {
  const a = new Int32Array(n);
  for (let k = 0; k < n; k++) a[k] = from + k;
  return a;
}

/** The value of an integer constant (C11 §6.4.4.1: hex, octal, binary, decimal; u/l suffixes), or undefined. */
export function integerValue(text: string): number | undefined {
  // Fast path for the common byte forms `0x3f` and `48`.
  if (text.length <= 4 && /^(0[xX][0-9a-fA-F]{1,2}|[1-9][0-9]{0,2}|0)$/.test(text)) {
    return text.length > 2 && (text[1] === 'x' || text[1] === 'X')
      ? Number.parseInt(text.slice(2), 16)
      : Number.parseInt(text, 10);
  }
  const m = /^(0[xX][0-9a-fA-F']+|0[bB][01']+|0[0-7']*|[1-9][0-9']*)([uU]?[lL]{0,2}|[lL]{1,2}[uU]?)$/.exec(
    text,
  );
  if (!m) return undefined;
  const digits = (m[1] as string).replace(/'/g, '');
  let v: number;
  if (/^0[xX]/.test(digits)) v = Number.parseInt(digits.slice(2), 16);
  else if (/^0[bB]/.test(digits)) v = Number.parseInt(digits.slice(2), 2);
  else if (digits.length > 1 && digits[0] === '0') v = Number.parseInt(digits.slice(1), 8);
  else v = Number.parseInt(digits, 10);
  return Number.isFinite(v) ? v : undefined;
}
