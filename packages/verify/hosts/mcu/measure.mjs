// Size and stack measurements of the microcontroller build (used by build.mjs).
//
// - sectionSizes: an object file's sections by kind, from `arm-none-eabi-size -A` (per section, so
//   .text is code only: the Berkeley `size` text column also counts .rodata and .eh_frame).
// - mapSizes: what each input of a linked firmware contributes to .text/.rodata/.data/.bss, from
//   GNU ld's map (after --gc-sections, so only what the firmware keeps), C library and libgcc
//   members included.
// - stackBound: the worst-case C stack from GCC's -fcallgraph-info=su files: each function's
//   static frame plus the deepest chain of calls below it. Valid only for an acyclic call graph
//   without dynamic frames, which it checks and reports; calls leaving the given files (libc,
//   libgcc) are listed, their frames are not counted (the emulated run measures the real stack).
import { spawnSync } from 'node:child_process';

/** Section kind of an output or input section name. */
function kind(section) {
  if (/^\.(text|vectors|ARM\.exidx|ARM\.extab|init|fini)\b/.test(section)) return 'text';
  if (/^\.rodata\b/.test(section)) return 'rodata';
  if (/^\.data\b/.test(section)) return 'data';
  if (/^\.bss\b|^COMMON$/.test(section)) return 'bss';
  return null;
}

const zero = () => ({ text: 0, rodata: 0, data: 0, bss: 0 });

/**
 * Sizes of an object file's allocated sections by kind (`size -A` of binutils: `tool` is
 * arm-none-eabi-size for the Cortex-M4 objects, size for the host's).
 * @throws Error when the size tool fails
 */
export function sectionSizes(object, tool = 'arm-none-eabi-size') {
  const r = spawnSync(tool, ['-A', object], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} ${object}: ${r.stderr}`);
  const out = zero();
  for (const line of r.stdout.split('\n')) {
    const m = /^(\S+)\s+(\d+)\s+\d+$/.exec(line);
    const k = m && kind(m[1]);
    if (k) out[k] += Number(m[2]);
  }
  return out;
}

/**
 * The group of an input file named in a map: one of `groups` (by file name, or a RegExp on the
 * path), libc, libgcc or other.
 */
function groupOf(file, groups) {
  for (const [group, name] of Object.entries(groups)) {
    if (name instanceof RegExp ? name.test(file) : file === name || file.endsWith(`/${name}`)) return group;
  }
  if (/libc(_nano)?\.a\(/.test(file)) return 'libc';
  if (/libgcc\.a\(/.test(file)) return 'libgcc';
  return 'other';
}

/**
 * Per-group section sizes of a linked image from its GNU ld map (`-Wl,-Map`).
 * `groups` maps a group name to an object file name or a RegExp on its path. Returns { groups: {name: sizes}, total,
 * flash (text + rodata + data), ram (data + bss) }; fill bytes count in the group "fill".
 */
export function mapSizes(map, groups) {
  const start = map.indexOf('Linker script and memory map');
  if (start < 0) throw new Error('not a GNU ld map');
  const lines = map.slice(start).split('\n');
  const out = { fill: zero() };
  let output = null;
  let pending = null;
  for (const line of lines) {
    const top = /^(\.\S+)\s/.exec(line) ?? /^(\.\S+)$/.exec(line);
    if (top) {
      output = kind(top[1]);
      continue;
    }
    if (!output) continue;
    const fill = /^ \*fill\*\s+0x[0-9a-f]+\s+0x([0-9a-f]+)/.exec(line);
    if (fill) {
      out.fill[output] += Number.parseInt(fill[1], 16);
      continue;
    }
    const whole = /^ (\.\S+|COMMON)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S.*)$/.exec(line);
    const nameOnly = /^ (\.\S+|COMMON)$/.exec(line);
    const rest = /^\s{16,}0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S.*)$/.exec(line);
    let size = null;
    let file = null;
    if (whole) {
      size = whole[2];
      file = whole[3];
    } else if (nameOnly) {
      pending = nameOnly[1];
      continue;
    } else if (rest && pending) {
      size = rest[1];
      file = rest[2];
    }
    pending = null;
    if (size === null) continue;
    const g = groupOf(file.trim(), groups);
    out[g] ??= zero();
    out[g][output] += Number.parseInt(size, 16);
  }
  const total = zero();
  for (const sizes of Object.values(out)) for (const k of Object.keys(total)) total[k] += sizes[k];
  return { groups: out, total, flash: total.text + total.rodata + total.data, ram: total.data + total.bss };
}

/**
 * Recursion in verify.wasm with a bound the sources guarantee, by wasm2c function name (the
 * module must carry its name section: the "embedded" target builds with `debug`). A self-call is
 * counted `frames` deep; any other cycle makes the bound unknown.
 */
export const RECURSION = {
  // assembly/path/build.ts extend(depth): recurses only while pos = depth + 1 < MAX_PATH - 1
  // (MAX_PATH = 16, path/request.ts), so depths 0..14 are live at once: 15 frames.
  w2c_assembly_path_build_extend: 15,
  // assembly/path/build.ts identity(s): recurses into the first earlier certificate t with the
  // same subject and key; that t has no earlier equal one, so its call does not recurse: 2 frames.
  w2c_assembly_path_build_identity: 2,
};

/**
 * Worst-case stack of `roots` (function names) over the call graphs in `ciTexts`
 * (-fcallgraph-info=su), self-recursion counted as RECURSION says. Returns { bytes, path,
 * acyclic, recursion, dynamic, external }; bytes is null when a cycle has no known bound or a
 * frame is dynamic.
 */
export function stackBound(ciTexts, roots, recursion = RECURSION) {
  const frame = new Map();
  const edges = new Map();
  const dynamic = [];
  const nameOf = (title) => title.replace(/^.*:/, '');
  for (const text of ciTexts) {
    for (const m of text.matchAll(/node: \{ title: "([^"]+)" label: "([^"]*)"/g)) {
      const name = nameOf(m[1]);
      const su = /\\n(\d+) bytes \(([^)]+)\)/.exec(m[2]);
      if (su) {
        frame.set(name, Number(su[1]));
        if (su[2] !== 'static') dynamic.push(name);
      } else if (!frame.has(name)) frame.set(name, null); // declared only: defined elsewhere or external
    }
    for (const m of text.matchAll(/edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"/g)) {
      const from = nameOf(m[1]);
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(nameOf(m[2]));
    }
  }
  const external = [...frame].filter(([, v]) => v === null).map(([k]) => k);
  const memo = new Map();
  const active = new Set();
  const recursive = new Set();
  let acyclic = true;
  let bounded = true;
  const worst = (n) => {
    if (memo.has(n)) return memo.get(n);
    if (active.has(n)) {
      bounded = false; // a cycle through other functions
      return { bytes: 0, via: null };
    }
    active.add(n);
    let best = { bytes: 0, via: null };
    let self = false;
    for (const c of edges.get(n) ?? []) {
      if (c === n) {
        self = true;
        continue;
      }
      const w = worst(c).bytes;
      if (w > best.bytes) best = { bytes: w, via: c };
    }
    active.delete(n);
    let frames = 1;
    if (self) {
      acyclic = false;
      recursive.add(n);
      if (recursion[n]) frames = recursion[n];
      else bounded = false;
    }
    const r = { bytes: (frame.get(n) ?? 0) * frames + best.bytes, via: best.via, frames };
    memo.set(n, r);
    return r;
  };
  let top = { bytes: 0, root: null };
  for (const root of roots) {
    if (!frame.has(root)) throw new Error(`stackBound: ${root} is not in the call graphs`);
    const w = worst(root);
    if (w.bytes > top.bytes) top = { bytes: w.bytes, root };
  }
  const path = [];
  for (let n = top.root; n; n = memo.get(n)?.via) {
    const frames = memo.get(n)?.frames ?? 1;
    path.push(`${n} ${frame.get(n) ?? '?'}${frames > 1 ? ` x${frames}` : ''}`);
  }
  return {
    bytes: bounded && dynamic.length === 0 ? top.bytes : null,
    path,
    acyclic,
    recursion: [...recursive].sort(),
    dynamic,
    external: external.sort(),
  };
}

const kib = (n) => `${(n / 1024).toFixed(1)}`;
const flashOf = (s) => (s ? s.text + s.rodata + s.data : 0);

/** A markdown table with padded columns (the layout Biome's formatter gives). `align`: 'l' or 'r'. */
function markdownTable(header, align, rows) {
  const width = header.map((h, i) => Math.max(h.length, 3, ...rows.map((r) => r[i].length)));
  const cell = (text, i) => (align[i] === 'r' ? text.padStart(width[i]) : text.padEnd(width[i]));
  const rule = width.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [header.map(cell), rule, ...rows.map((r) => r.map(cell))]
    .map((r) => `| ${r.join(' | ')} |`)
    .join('\n');
}

/** A variant's build options that differ from the embedded target's, then its switches. */
function optionsOf(r) {
  const target = ['HUBTRUST_TARGET=1', 'HUBTRUST_ED25519=0'];
  const use = r.use ?? target;
  const shown = [
    ...use.filter((u) => !target.includes(u)).map((u) => u.replace(/^HUBTRUST_/, '')),
    ...Object.entries(r.asc ?? {}).map(([k, v]) => `${k} ${v}`),
    ...r.switches,
  ];
  return r.variant === 'release' ? 'portable target' : shown.join(', ') || 'embedded target';
}

/**
 * The README's size table (markdown) from build.mjs results and the comparison rows of
 * compare/results.json. Flash = .text + .rodata + .data of the minimal firmware without its own
 * vector table and reset code.
 */
export function sizeTable(results, peers) {
  const header = [
    'build',
    'options (build-options.ts) and switches',
    'module',
    'runtime + C API',
    'libc + libgcc',
    '**flash**',
    'static data',
    'linear memory',
    'C stack bound',
  ];
  const rows = results.map((r) => {
    const g = r.firmware.groups;
    const flash = r.firmware.flash - flashOf(g.board) - flashOf(g.fill);
    const kit = flashOf(g.runtime) + flashOf(g.capi);
    return [
      `\`${r.variant}\``,
      optionsOf(r),
      kib(flashOf(g.module)),
      `${kib(kit)}${r.chainApi || r.updateApi ? '' : ' (no C API)'}`,
      kib(flashOf(g.libc) + flashOf(g.libgcc)),
      `**${kib(flash)}**`,
      kib(r.memory.heapBase),
      `${r.memory.staticPages} × 64`,
      r.stack.bytes === null ? 'unbounded' : `${r.stack.bytes} B`,
    ];
  });
  for (const p of peers)
    rows.push([
      p.name,
      p.config,
      kib(p.library),
      '—',
      kib(p.libcLibgcc),
      `**${kib(p.flash)}**`,
      kib(p.staticRam),
      p.heap,
      '—',
    ]);
  return `${markdownTable(header, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'], rows)}\n`;
}

/**
 * Module code and constants by AssemblyScript source file, from the section names of wasm2c's
 * object (-ffunction-sections; the module must carry its name section, which the "embedded"
 * target keeps: functions are named w2c_assembly_<dir>_<file>_<name>, '-' and '/' as '_'). Code
 * inlined into a caller counts for the caller's file. `files`: paths under assembly/.
 * Groups besides the files: "wasm2c: memory access" (the bounds-checked load/store helpers),
 * "wasm2c: instantiation" (data segment copies, type registration), "data segments" (.rodata),
 * "exports" (the Z_verifyZ_* wrappers, which wasm2c gives the exported function's body) and
 * "other" (runtime library functions of AssemblyScript, ~lib/...).
 * @throws Error when arm-none-eabi-size fails
 */
export function moduleBreakdown(object, files) {
  const r = spawnSync('arm-none-eabi-size', ['-A', object], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`arm-none-eabi-size ${object}: ${r.stderr}`);
  const prefixes = files
    .map((f) => ({ file: f, prefix: `w2c_assembly_${f.replace(/\.ts$/, '').replace(/[-/]/g, '_')}_` }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const out = {};
  const add = (k, n) => {
    out[k] = (out[k] ?? 0) + n;
  };
  for (const line of r.stdout.split('\n')) {
    const m = /^\.(text|rodata)\.(\S+)\s+(\d+)\s/.exec(line);
    if (!m) continue;
    const [, section, name, size] = m;
    const n = Number(size);
    if (section === 'rodata') add(name.startsWith('data_segment') ? 'data segments' : 'other', n);
    else if (/^(i32|i64|f32|f64)_(load|store)/.test(name)) add('wasm2c: memory access', n);
    else if (/_(instantiate|init_module|free)$/.test(name) || /^memory_/.test(name))
      add('wasm2c: instantiation', n);
    else if (name.startsWith('Z_verifyZ_')) add('exports', n);
    else add(prefixes.find((p) => name.startsWith(p.prefix))?.file ?? 'other', n);
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}
