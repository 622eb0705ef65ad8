// A small bounded ELF reader (System V gABI, "Object Files": ELF header, section header table,
// SHT_SYMTAB / SHT_DYNSYM symbol tables; ELF32 and ELF64, either byte order) for the image scanner:
// it maps a file offset to its section, load address and enclosing symbol. No maintained npm
// package reads symbol tables from bytes in a browser (elfy and elf-tools read headers and
// sections from Node Buffers and trust the header's counts), so this one is hand-written:
// every count and offset is checked against the file before use, and limits.ts caps sections and
// symbols. Program headers are used when a file has no section headers.
import type { ErrorList } from './collect.js';
import { MAX_ELF_SECTIONS, MAX_ELF_SYMBOLS } from './limits.js';
import { lastAtOrBelow } from './sorted.js';

const SHT_SYMTAB = 2;
const SHT_NOBITS = 8;
const SHT_DYNSYM = 11;
const PT_LOAD = 1;
const SHN_LORESERVE = 0xff00;
const SHN_XINDEX = 0xffff;
const MAX_NAME = 256;

/** One section (the fields the scanner needs). */
export interface ElfSection {
  index: number;
  name: string;
  /** Offset of the name in the section-name string table. */
  nameOffset: number;
  type: number;
  /** Load address (sh_addr). */
  address: number;
  /** File offset (sh_offset). */
  offset: number;
  /** Bytes in the file (0 for SHT_NOBITS). */
  fileSize: number;
  link: number;
  entrySize: number;
}

/** A PT_LOAD segment (for files without sections). */
export interface ElfSegment {
  offset: number;
  address: number;
  fileSize: number;
}

/** The parsed structure of an ELF file. */
export interface ElfFile {
  is64: boolean;
  littleEndian: boolean;
  sections: ElfSection[];
  segments: ElfSegment[];
  view: DataView;
  bytes: Uint8Array;
}

/** True when the bytes start with the ELF magic. */
export function isElf(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
}

function u64(v: DataView, p: number, le: boolean): number {
  const n = v.getBigUint64(p, le);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

/**
 * Parses the headers. Problems are reported to `errors` (`ELF_MALFORMED`,
 * `ELF_OVERLAPPING_SECTIONS`); the result holds whatever could be read (possibly no sections).
 */
export function parseElf(b: Uint8Array, errors: ErrorList): ElfFile | undefined {
  const cls = b[4];
  const data = b[5];
  if (b.length < 52 || (cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) {
    errors.add(
      'ELF_MALFORMED',
      { offset: 4 },
      'ELF header is truncated or has an unknown class / data encoding',
    );
    return undefined;
  }
  const is64 = cls === 2;
  const le = data === 1;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (is64 && b.length < 64) {
    errors.add('ELF_MALFORMED', { offset: 0 }, 'ELF64 header is truncated');
    return undefined;
  }
  const word = (p: number) => (is64 ? u64(v, p, le) : v.getUint32(p, le));
  const phoff = word(is64 ? 32 : 28);
  const shoff = word(is64 ? 40 : 32);
  const h = is64 ? 52 : 40;
  const phentsize = v.getUint16(h + 2, le);
  let phnum = v.getUint16(h + 4, le);
  const shentsize = v.getUint16(h + 6, le);
  let shnum = v.getUint16(h + 8, le);
  let shstrndx = v.getUint16(h + 10, le);
  const file: ElfFile = { is64, littleEndian: le, sections: [], segments: [], view: v, bytes: b };
  const minSh = is64 ? 64 : 40;
  const minPh = is64 ? 56 : 32;

  if (phoff > 0 && phnum > 0) {
    if (phentsize < minPh || phoff + phnum * phentsize > b.length) {
      errors.add(
        'ELF_MALFORMED',
        { offset: phoff },
        `${phnum} program headers of ${phentsize} bytes at ${phoff} do not fit in the file`,
      );
      phnum = 0;
    }
    for (let i = 0; i < phnum; i++) {
      const p = phoff + i * phentsize;
      if (v.getUint32(p, le) !== PT_LOAD) continue;
      const seg = is64
        ? { offset: u64(v, p + 8, le), address: u64(v, p + 16, le), fileSize: u64(v, p + 32, le) }
        : {
            offset: v.getUint32(p + 4, le),
            address: v.getUint32(p + 8, le),
            fileSize: v.getUint32(p + 16, le),
          };
      if (seg.offset + seg.fileSize <= b.length) file.segments.push(seg);
      else errors.add('ELF_MALFORMED', { offset: p, index: i }, `segment ${i} runs past the end of the file`);
    }
  }

  if (shoff === 0) return file;
  if (shentsize < minSh || shoff + minSh > b.length) {
    errors.add(
      'ELF_MALFORMED',
      { offset: shoff },
      `section header table at ${shoff} (entries of ${shentsize} bytes) is outside the file`,
    );
    return file;
  }
  // Extended numbering (gABI): counts above 0xff00 live in section 0.
  if (shnum === 0) shnum = Math.min(word(shoff + (is64 ? 32 : 20)), MAX_ELF_SECTIONS + 1);
  if (shstrndx === SHN_XINDEX) shstrndx = v.getUint32(shoff + (is64 ? 40 : 24), le);
  if (shnum > MAX_ELF_SECTIONS) {
    errors.add('LIMIT_EXCEEDED', { offset: shoff }, `more than ${MAX_ELF_SECTIONS} sections`);
    shnum = MAX_ELF_SECTIONS;
  }
  if (shoff + shnum * shentsize > b.length) {
    const fit = Math.floor((b.length - shoff) / shentsize);
    errors.add(
      'ELF_MALFORMED',
      { offset: shoff },
      `the header counts ${shnum} sections but only ${fit} fit in the file`,
    );
    shnum = fit;
  }
  for (let i = 0; i < shnum; i++) {
    const p = shoff + i * shentsize;
    const type = v.getUint32(p + 4, le);
    const s: ElfSection = is64
      ? {
          index: i,
          name: '',
          nameOffset: v.getUint32(p, le),
          type,
          address: u64(v, p + 16, le),
          offset: u64(v, p + 24, le),
          fileSize: type === SHT_NOBITS ? 0 : u64(v, p + 32, le),
          link: v.getUint32(p + 40, le),
          entrySize: u64(v, p + 56, le),
        }
      : {
          index: i,
          name: '',
          nameOffset: v.getUint32(p, le),
          type,
          address: v.getUint32(p + 12, le),
          offset: v.getUint32(p + 16, le),
          fileSize: type === SHT_NOBITS ? 0 : v.getUint32(p + 20, le),
          link: v.getUint32(p + 24, le),
          entrySize: v.getUint32(p + 36, le),
        };
    if (s.offset + s.fileSize > b.length) {
      errors.add(
        'ELF_MALFORMED',
        { offset: p, index: i },
        `section ${i} (${s.fileSize} bytes at ${s.offset}) runs past the end of the file`,
      );
      s.fileSize = Math.max(0, Math.min(s.fileSize, b.length - s.offset));
    }
    file.sections.push(s);
  }
  const names = file.sections[shstrndx];
  for (const s of file.sections) {
    s.name =
      names && s.nameOffset < names.fileSize
        ? cString(b, names.offset + s.nameOffset, names.offset + names.fileSize)
        : '';
  }
  // Overlapping file ranges of sections that have bytes in the file.
  const placed = file.sections
    .filter((s) => s.fileSize > 0 && s.type !== 0)
    .sort((a, c) => a.offset - c.offset);
  let overlaps = 0;
  for (let i = 1; i < placed.length; i++) {
    const a = placed[i - 1] as ElfSection;
    const c = placed[i] as ElfSection;
    if (a.offset + a.fileSize > c.offset && overlaps++ < 16) {
      errors.add(
        'ELF_OVERLAPPING_SECTIONS',
        { offset: c.offset, index: c.index },
        `section ${c.index} "${c.name}" (at ${c.offset}) overlaps section ${a.index} "${a.name}" (${a.offset}..${a.offset + a.fileSize}); hits there are attributed to the first`,
      );
    }
  }
  return file;
}

function cString(b: Uint8Array, from: number, limit: number): string {
  let s = '';
  for (let i = from; i < limit && i - from < MAX_NAME; i++) {
    const c = b[i] as number;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/** Where a file offset lies: its section and load address. */
export function sectionAt(elf: ElfFile, offset: number): { section?: ElfSection; address?: number } {
  for (const s of elf.sections) {
    if (s.fileSize > 0 && s.type !== 0 && offset >= s.offset && offset < s.offset + s.fileSize) {
      return { section: s, address: s.address + (offset - s.offset) };
    }
  }
  for (const g of elf.segments) {
    if (offset >= g.offset && offset < g.offset + g.fileSize)
      return { address: g.address + (offset - g.offset) };
  }
  return {};
}

/** Sized symbols of one section, sorted by address. */
interface SymbolIndex {
  starts: Float64Array;
  ends: Float64Array;
  names: Uint32Array;
}

/**
 * Finds symbols by address, from SHT_SYMTAB (else SHT_DYNSYM). A section's index is built on the
 * first lookup in it, so an image with hits in one section pays for that section's symbols only.
 */
export class ElfSymbols {
  private readonly bySection = new Map<number, SymbolIndex>();
  private table: { symtab: ElfSection; strtab: ElfSection; step: number; count: number } | null | undefined;

  constructor(
    private readonly elf: ElfFile,
    private readonly errors: ErrorList,
  ) {}

  private findTable(): typeof this.table {
    const { elf } = this;
    const tables = elf.sections.filter((s) => s.type === SHT_SYMTAB || s.type === SHT_DYNSYM);
    const symtab = tables.find((s) => s.type === SHT_SYMTAB) ?? tables[0];
    if (!symtab) return null;
    const entry = elf.is64 ? 24 : 16;
    const strtab = elf.sections[symtab.link];
    if (!strtab || (symtab.entrySize !== 0 && symtab.entrySize < entry)) {
      this.errors.add(
        'ELF_MALFORMED',
        { offset: symtab.offset, index: symtab.index },
        'symbol table has a bad string table link or entry size',
      );
      return null;
    }
    const step = symtab.entrySize || entry;
    let count = Math.floor(symtab.fileSize / step);
    if (count > MAX_ELF_SYMBOLS) {
      this.errors.add(
        'LIMIT_EXCEEDED',
        { offset: symtab.offset },
        `more than ${MAX_ELF_SYMBOLS} symbols; the rest are not used`,
      );
      count = MAX_ELF_SYMBOLS;
    }
    return { symtab, strtab, step, count };
  }

  private build(section: number): SymbolIndex {
    const { elf } = this;
    const le = elf.littleEndian;
    const v = elf.view;
    const t = this.table;
    const list: { start: number; end: number; name: number }[] = [];
    if (t) {
      for (let i = 1; i < t.count; i++) {
        const p = t.symtab.offset + i * t.step;
        const shndx = v.getUint16(p + (elf.is64 ? 6 : 14), le);
        if (shndx !== section) continue;
        const info = v.getUint8(p + (elf.is64 ? 4 : 12));
        const value = elf.is64 ? u64(v, p + 8, le) : v.getUint32(p + 4, le);
        const size = elf.is64 ? u64(v, p + 16, le) : v.getUint32(p + 8, le);
        // STT_NOTYPE 0, STT_OBJECT 1, STT_FUNC 2, sized
        if (size === 0 || (info & 0xf) > 2) continue;
        list.push({ start: value, end: value + size, name: v.getUint32(p, le) });
      }
    }
    list.sort((a, c) => a.start - c.start);
    const index = {
      starts: Float64Array.from(list, (x) => x.start),
      ends: Float64Array.from(list, (x) => x.end),
      names: Uint32Array.from(list, (x) => x.name),
    };
    this.bySection.set(section, index);
    return index;
  }

  /** The name of the sized symbol of `section` whose range holds `address`, if any. */
  at(section: ElfSection, address: number): string | undefined {
    if (this.table === undefined) this.table = this.findTable();
    if (!this.table || section.index === 0 || section.index >= SHN_LORESERVE) return undefined;
    const idx = this.bySection.get(section.index) ?? this.build(section.index);
    if (idx.starts.length === 0 || (idx.starts[0] as number) > address) return undefined;
    const lo = lastAtOrBelow(idx.starts, address);
    // Symbols may nest or overlap: look back a few entries for one that covers the address.
    const strtab = this.table.strtab;
    for (let k = lo; k >= 0 && k > lo - 8; k--) {
      if ((idx.ends[k] as number) > address) {
        const off = idx.names[k] as number;
        if (off >= strtab.fileSize) return undefined;
        return cString(this.elf.bytes, strtab.offset + off, strtab.offset + strtab.fileSize) || undefined;
      }
    }
    return undefined;
  }
}
