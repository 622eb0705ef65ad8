// Reader for C/C++ sources that carry roots, in the shapes found in device firmware:
// - Azure IoT C SDK `certs.c`: PEM text in string literals split per line with `\r\n` escapes and
//   joined by literal concatenation, under `#if defined(USE_..._CERT)` sections;
// - FreeRTOS / Azure RTOS middleware demo configs: a PEM `#define` spread over `\` continuation
//   lines, or DER `uint8_t` / `unsigned char` arrays in hex or decimal, several certificates
//   concatenated in one array;
// - Arduino sketches: `PROGMEM` C++ raw strings `R"EOF( ... )EOF"`;
// - DER inside a string literal ("\x30\x82...").
// Each certificate is reported with its line, column, symbol (variable or macro), the
// preprocessor condition it is compiled under, and the comment just before it. Sources:
// ISO C11 §6.4 (lexical elements), §6.10.1 (conditional inclusion); device-bundles README.

import { type CString, type CToken, integerValue, lexC } from './c-lexer.js';
import { ErrorList, roomForCertificate } from './collect.js';
import { splitDer } from './der-reader.js';
import { DEFAULT_FILE_NAME } from './errors.js';
import type { CertificateForm, CertificateLocation, FoundCertificate, ReadResult } from './found.js';
import { decodeFound } from './found.js';
import { MAX_C_ARRAY_ELEMENTS, MAX_C_CONDITION_DEPTH } from './limits.js';
import { CERTIFICATE_LABELS, pemBlocks } from './pem-blocks.js';
import type { ReadOptions } from './pem-reader.js';
import { lastAtOrBelow } from './sorted.js';
import { asText, LineIndex } from './text.js';

/** Longest comment kept as a certificate's label. */
const MAX_COMMENT = 200;

interface Frame {
  /** Conditions of the earlier branches of this #if chain. */
  earlier: string[];
  /** The condition written on the active branch's directive. */
  branch: string;
  /** Condition of the active branch (the earlier ones negated, and its own). */
  current: string;
  /** An include guard (`#ifndef X` / `#define X`): not reported. */
  guard: boolean;
  /** Tokens seen since the frame opened (include-guard detection). */
  seen: number;
}

interface Ctx {
  file: string;
  src: string;
  lines: LineIndex;
  errors: ErrorList;
  out: FoundCertificate[];
  frames: Frame[];
}

/** A string literal with the condition and comment in force where it appears. */
interface Piece {
  tok: CString;
  condition: string | undefined;
  comment: string | undefined;
}

function negate(c: string): string {
  if (/^!defined\(\w+\)$/.test(c)) return c.slice(1);
  if (/^defined\(\w+\)$/.test(c) || /^\w+$/.test(c)) return `!${c}`;
  return `!(${c})`;
}

function condition(frames: Frame[]): string | undefined {
  const parts = frames.filter((f) => !f.guard).map((f) => f.current);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return parts.map((p) => (/\|\||\?/.test(p) ? `(${p})` : p)).join(' && ');
}

/** The directive's text after its name, without comments, continuations and extra spaces. */
function directiveArgument(d: Extract<CToken, { kind: 'directive' }>): string {
  const first = d.tokens[0];
  if (!first) return '';
  return d.text
    .slice(first.start - d.start)
    .replace(/\\\r?\n/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/m, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function handleDirective(ctx: Ctx, d: Extract<CToken, { kind: 'directive' }>): void {
  const at = () => ({ offset: d.start, ...ctx.lines.at(d.start) });
  const top = ctx.frames[ctx.frames.length - 1];
  const arg = directiveArgument(d);
  switch (d.name) {
    case 'if':
    case 'ifdef':
    case 'ifndef': {
      if (ctx.frames.length >= MAX_C_CONDITION_DEPTH) {
        ctx.errors.add('LIMIT_EXCEEDED', at(), `#if nesting deeper than ${MAX_C_CONDITION_DEPTH}`);
        return;
      }
      if (top) top.seen++;
      const current = d.name === 'if' ? arg : d.name === 'ifdef' ? `defined(${arg})` : `!defined(${arg})`;
      ctx.frames.push({ earlier: [], branch: current, current, guard: false, seen: 0 });
      return;
    }
    case 'elif':
    case 'elifdef':
    case 'elifndef':
    case 'else': {
      if (!top) {
        ctx.errors.add('C_PREPROCESSOR', at(), `#${d.name} without #if`);
        return;
      }
      top.earlier.push(top.branch);
      const negated = top.earlier.map(negate);
      if (d.name === 'else') {
        top.branch = negated.join(' && ');
        top.current = top.branch;
      } else {
        top.branch = d.name === 'elif' ? arg : d.name === 'elifdef' ? `defined(${arg})` : `!defined(${arg})`;
        top.current = [...negated, top.branch].join(' && ');
      }
      top.guard = false;
      return;
    }
    case 'endif':
      if (!top) ctx.errors.add('C_PREPROCESSOR', at(), '#endif without #if');
      else ctx.frames.pop();
      return;
    case 'define': {
      const name = d.tokens[0];
      if (name?.kind !== 'ident') return;
      if (top && top.seen === 0 && top.current === `!defined(${name.text})`) top.guard = true;
      else if (top) top.seen++;
      // Function-like macro: skip the parameter list (no space between name and '(').
      let body = d.tokens.slice(1);
      const open = body[0];
      if (open?.kind === 'punct' && open.text === '(' && open.start === name.end) {
        const close = body.findIndex((t) => t.kind === 'punct' && t.text === ')');
        body = close < 0 ? [] : body.slice(close + 1);
      }
      walk(ctx, body, { symbol: name.text, define: true });
      return;
    }
    default:
      if (top) top.seen++;
  }
}

/** Text of the comments in `run`, joined, trimmed of decoration. */
function commentText(run: string[]): string | undefined {
  const t = run
    .flatMap((c) => c.split('\n'))
    .map((line) => line.replace(/^[\s*/!<-]+|[\s*/-]+$/g, '').trim())
    .filter((line) => line.length > 0)
    .join(' ');
  if (!t) return undefined;
  return t.length > MAX_COMMENT ? `${t.slice(0, MAX_COMMENT - 1)}…` : t;
}

/** The declared name in a declaration's tokens: the identifier before the first `[` or `=`. */
function declaredName(decl: CToken[]): string | undefined {
  let last: string | undefined;
  for (const t of decl) {
    if (t.kind === 'ident') last = t.text;
    else if (t.kind === 'punct' && (t.text === '[' || t.text === '=')) return last;
  }
  return undefined;
}

interface Scope {
  /** The macro name when walking a #define body. */
  symbol?: string;
  define?: boolean;
}

interface BraceList {
  symbol: string | undefined;
  /** Elements (tokens between commas) of this list. */
  elements: CToken[][];
  current: CToken[];
  condition: string | undefined;
  comment: string | undefined;
  /** Nested lists seen (then this list is not a byte array itself). */
  nested: boolean;
}

/** Walks tokens: tracks #if sections, declarations, brace lists and runs of string literals. */
function walk(ctx: Ctx, tokens: CToken[], scope: Scope): void {
  let decl: CToken[] = [];
  let declComment: string | undefined;
  let comments: string[] = [];
  let run: Piece[] = [];
  const braces: BraceList[] = [];
  let initSymbol: string | undefined;
  const form: CertificateForm = scope.define ? 'pem-define' : 'pem-string';

  const symbolHere = () => scope.symbol ?? (braces.length > 0 ? initSymbol : declaredName(decl));
  const flush = () => {
    if (run.length > 0) stringRun(ctx, run, symbolHere(), form);
    run = [];
  };

  for (const t of tokens) {
    if (t.kind === 'comment') {
      comments.push(t.text);
      continue;
    }
    if (t.kind === 'directive') {
      handleDirective(ctx, t);
      if (run.length === 0) comments = [];
      continue;
    }
    const top = ctx.frames[ctx.frames.length - 1];
    if (top) top.seen++;
    if (t.kind === 'string') {
      const comment =
        commentText(comments) ?? (run.length === 0 && braces.length === 0 ? declComment : undefined);
      run.push({ tok: t, condition: condition(ctx.frames), comment });
      comments = [];
      continue;
    }
    flush();
    const list = braces[braces.length - 1];
    if (t.kind === 'punct' && t.text === '{') {
      const prev = list ? list.current[list.current.length - 1] : decl[decl.length - 1];
      const isInit =
        list !== undefined || (prev?.kind === 'punct' && (prev.text === '=' || prev.text === ','));
      if (isInit || scope.define) {
        if (braces.length === 0) initSymbol = scope.symbol ?? declaredName(decl);
        if (list) list.nested = true;
        braces.push({
          symbol: initSymbol,
          elements: [],
          current: [],
          condition: condition(ctx.frames),
          comment: commentText(comments) ?? (braces.length === 0 ? declComment : undefined),
          nested: false,
        });
        comments = [];
        continue;
      }
      decl = [];
      comments = [];
      continue;
    }
    if (list) {
      if (t.kind === 'punct' && t.text === '}') {
        if (list.current.length > 0) list.elements.push(list.current);
        braces.pop();
        if (!list.nested) byteList(ctx, list);
        const parent = braces[braces.length - 1];
        if (parent) parent.current.push({ kind: 'ident', start: t.start, end: t.end, text: '{…}' });
        else decl = [];
        continue;
      }
      if (t.kind === 'punct' && t.text === ',') {
        list.elements.push(list.current);
        list.current = [];
        if (list.elements.length > MAX_C_ARRAY_ELEMENTS) {
          ctx.errors.add(
            'LIMIT_EXCEEDED',
            { offset: t.start, ...ctx.lines.at(t.start) },
            `brace list longer than ${MAX_C_ARRAY_ELEMENTS} elements`,
          );
          return;
        }
        continue;
      }
      list.current.push(t);
      continue;
    }
    if (t.kind === 'punct' && (t.text === ';' || t.text === '}')) {
      decl = [];
      comments = [];
      continue;
    }
    if (decl.length === 0) declComment = commentText(comments);
    decl.push(t);
    comments = [];
  }
  flush();
  const open = braces[0];
  if (open) {
    const first = open.elements[0]?.[0] ?? open.current[0];
    const offset = first?.start ?? 0;
    ctx.errors.add('C_UNTERMINATED', { offset, ...ctx.lines.at(offset) }, 'brace list is never closed');
  }
}

/** Certificates in a run of adjacent string literals: PEM blocks, else DER bytes. */
function stringRun(ctx: Ctx, run: Piece[], symbol: string | undefined, form: CertificateForm): void {
  let text = '';
  const starts: number[] = [];
  for (const p of run) {
    starts.push(text.length);
    text += p.tok.value;
  }
  /** The piece holding text index `k`, and the source offset of that character. */
  const locate = (k: number): { piece: Piece; offset: number } => {
    const lo = lastAtOrBelow(starts, k);
    const piece = run[lo] as Piece;
    const rel = k - (starts[lo] as number);
    const offset = rel < piece.tok.at.length ? (piece.tok.at[rel] as number) : piece.tok.end;
    return { piece, offset };
  };
  let any = false;
  let index = 0;
  for (const block of pemBlocks(text)) {
    if (!CERTIFICATE_LABELS.has(block.label)) continue;
    any = true;
    const { piece, offset } = locate(block.begin);
    const where = place(ctx, offset, piece.tok.raw ? 'raw-string' : form, symbol, piece, index++);
    if (!block.body.ok) {
      const bad = locate(Math.min(block.body.at, text.length - 1)).offset;
      const code = 'code' in block.body ? block.body.code : 'PEM_BAD_BASE64';
      ctx.errors.add(code, { offset: bad, ...ctx.lines.at(bad), index: where.index }, block.body.reason);
      continue;
    }
    if (!roomForCertificate(ctx.out.length, ctx.errors, where)) return;
    const found = decodeFound(block.body.bytes, where, ctx.errors);
    if (found) ctx.out.push(found);
  }
  if (
    any ||
    text.length < 4 ||
    text.charCodeAt(0) !== 0x30 ||
    text.charCodeAt(1) < 0x81 ||
    text.charCodeAt(1) > 0x83
  )
    return;
  // DER bytes in a string literal.
  const bytes = new Uint8Array(text.length);
  let wide = -1;
  for (let k = 0; k < text.length; k++) {
    const v = text.charCodeAt(k);
    if (v > 0xff && wide < 0) wide = k;
    bytes[k] = v & 0xff;
  }
  if (wide >= 0) {
    const offset = locate(wide).offset;
    ctx.errors.add(
      'C_BAD_ARRAY_ELEMENT',
      { offset, ...ctx.lines.at(offset), index: wide },
      'escape value above 0xFF in a DER string',
    );
    return;
  }
  const found = splitDer(bytes, ctx.errors, (k) => {
    const { piece, offset } = locate(k);
    return place(ctx, offset, 'der-string', symbol, piece, k);
  });
  ctx.out.push(...found);
}

function place(
  ctx: Ctx,
  offset: number,
  form: CertificateForm,
  symbol: string | undefined,
  piece: { condition: string | undefined; comment: string | undefined },
  index: number,
): CertificateLocation {
  const where: CertificateLocation = { file: ctx.file, form, offset, ...ctx.lines.at(offset), index };
  if (symbol) where.symbol = symbol;
  if (piece.condition) where.condition = piece.condition;
  if (piece.comment) where.comment = piece.comment;
  return where;
}

/** The byte value of one brace-list element (`0x30`, `48`, `'0'`, `(uint8_t)0x30`), or undefined. */
function elementValue(el: CToken[]): number | undefined {
  let k = 0;
  // a cast: ( type words )
  if (el[0]?.kind === 'punct' && el[0].text === '(') {
    const close = el.findIndex((t) => t.kind === 'punct' && t.text === ')');
    if (close > 0 && el.slice(1, close).every((t) => t.kind === 'ident')) k = close + 1;
  }
  if (el.length !== k + 1) return undefined;
  const t = el[k] as CToken;
  const v = t.kind === 'number' ? integerValue(t.text) : t.kind === 'char' ? t.value : undefined;
  return v !== undefined && v >= 0 && v <= 0xff ? v : undefined;
}

/** A brace list of bytes: certificates if it starts like DER, otherwise not ours. */
function byteList(ctx: Ctx, list: BraceList): void {
  const els = list.elements;
  const v0 = els[0] ? elementValue(els[0]) : undefined;
  const v1 = els[1] ? elementValue(els[1]) : undefined;
  if (v0 !== 0x30 || v1 === undefined || v1 < 0x81 || v1 > 0x83 || els.length < 4) return;
  const bytes = new Uint8Array(els.length);
  const bad: number[] = [];
  for (let k = 0; k < els.length; k++) {
    const el = els[k] as CToken[];
    const v = elementValue(el);
    if (v === undefined) {
      bad.push(k);
      const first = el[0];
      const offset = first?.start ?? 0;
      const shown = first ? ctx.src.slice(first.start, (el[el.length - 1] as CToken).end) : '(empty)';
      ctx.errors.add(
        'C_BAD_ARRAY_ELEMENT',
        { offset, ...ctx.lines.at(offset), index: k },
        `element ${k} "${shown.length > 40 ? `${shown.slice(0, 39)}…` : shown}" of ${list.symbol ?? 'the array'} is not a byte (0–255); the certificate holding it is not read`,
      );
    } else bytes[k] = v;
  }
  const piece = { condition: list.condition, comment: list.comment };
  const found = splitDer(
    bytes,
    ctx.errors,
    (k) => {
      const offset = els[k]?.[0]?.start ?? 0;
      return place(ctx, offset, 'der-array', list.symbol, piece, k);
    },
    (start, end) => bad.some((k) => k >= start && k < end),
  );
  ctx.out.push(...found);
}

/**
 * Reads the certificates of a C or C++ source file (see the shapes above). Certificates under
 * every branch of `#if` are read; each says which condition it is under.
 *
 * @param input - the source text, or its bytes (read one byte per character)
 * @returns certificates with line, column, symbol, condition and comment; errors for PEM blocks
 *   that do not decode, array elements that are not bytes, unterminated literals, comments and
 *   brace lists, and unbalanced `#if`/`#endif`
 * @example
 * ```ts
 * await init();
 * const r = readCSource(readFileSync('certs.c', 'utf8'), { file: 'certs.c' });
 * for (const c of r.certificates) console.log(c.where.line, c.where.condition, c.certificate.subject.text);
 * // 25 defined(USE_BALTIMORE_CERT) CN=Baltimore CyberTrust Root,OU=CyberTrust,O=Baltimore,C=IE
 * ```
 */
export function readCSource(input: string | Uint8Array, options: ReadOptions = {}): ReadResult {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const src = asText(input);
  const lines = new LineIndex(src);
  const errors = new ErrorList(file);
  const problems: { offset: number; message: string }[] = [];
  const tokens = lexC(src, problems);
  for (const p of problems)
    errors.add('C_UNTERMINATED', { offset: p.offset, ...lines.at(p.offset) }, p.message);
  const ctx: Ctx = { file, src, lines, errors, out: [], frames: [] };
  walk(ctx, tokens, {});
  for (const f of ctx.frames) {
    errors.add(
      'C_PREPROCESSOR',
      { offset: src.length, ...lines.at(src.length) },
      `#if "${f.current}" is never closed by #endif`,
    );
  }
  return { file, certificates: ctx.out, errors: errors.done() };
}
