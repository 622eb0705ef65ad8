// Reads what verify.wasm decoded: fields of a Cert record (abi.json layouts.Cert) and the lists
// its enumerators walk (x509IterStart / x509IterNext over an Iter record, abi.json layouts.Iter).
// The module decides what every item is (which GeneralName, which extension, which RDN); this file
// only copies the values out and hands them to the formatters of x509-text.ts. Used inside one
// gateway call (gateway.ts): the ranges are valid until the next ioReserve. Items are read as
// (address, length) numbers into one view of memory, so a certificate costs no typed-array views.
import {
  CERT_LAYOUT,
  type CertFlag,
  GeneralNameType as GN,
  ITER_LAYOUT,
  ITER_SIZE,
  IterKind,
} from './abi.generated.js';
import type { VerifyExports } from './gateway.js';
import {
  ascii,
  formatIp,
  formatSubnet,
  type GeneralName,
  hasStringTag,
  hexOf,
  type NameAttribute,
  NameText,
  nameAttribute,
  oidText,
  stringValue,
} from './x509-text.js';

/** Bytes the host reserves in the IO area for the reader's two Iter records. */
export const READER_SPACE = 2 * ITER_SIZE + 8;

type CertField = keyof typeof CERT_LAYOUT;

/** The current item of an enumeration (addresses into memory), as the Iter record holds it. */
export interface Item {
  type: number;
  critical: boolean;
  group: number;
  oid: number;
  oidLen: number;
  valTag: number;
  val: number;
  valLen: number;
  tlv: number;
  tlvLen: number;
}

const I = ITER_LAYOUT;

function newItem(): Item {
  return {
    type: 0,
    critical: false,
    group: 0,
    oid: 0,
    oidLen: 0,
    valTag: 0,
    val: 0,
    valLen: 0,
    tlv: 0,
    tlvLen: 0,
  };
}
/** Offset and width of each Cert field (8: i64, -4: i32, 4: u32 or usize). */
const FIELDS = Object.fromEntries(
  Object.entries(CERT_LAYOUT).map(([name, [offset, type]]) => [
    name,
    { offset, kind: type === 'i64' ? 8 : type === 'i32' ? -4 : 4 },
  ]),
) as Record<CertField, { offset: number; kind: number }>;

/** Views of one memory buffer (replaced when the memory grows and its buffer changes). */
interface Views {
  buffer: ArrayBuffer;
  dv: DataView;
  mem: Uint8Array;
}
/** The views of each module instance's memory, made once per buffer (a cache, not state). */
const viewCache = new WeakMap<WebAssembly.Memory, Views>();

/**
 * A DataView and a byte view of `memory`, reused from call to call while its buffer stays the same
 * (a view costs an allocation; a parse reads through a dozen).
 */
export function memoryViews(memory: WebAssembly.Memory): { dv: DataView; mem: Uint8Array } {
  const buffer = memory.buffer as ArrayBuffer;
  let v = viewCache.get(memory);
  if (v === undefined || v.buffer !== buffer) {
    v = { buffer, dv: new DataView(buffer), mem: new Uint8Array(buffer) };
    viewCache.set(memory, v);
  }
  return v;
}

/**
 * Reads Cert records and enumerations from the module's memory. `space` is the address of
 * READER_SPACE bytes in the IO area for its Iter records (two: a directoryName inside a list of
 * GeneralNames is enumerated while that list is).
 */
export class X509Reader {
  private readonly dv: DataView;
  /** The module's memory, as bytes. */
  readonly mem: Uint8Array;
  private readonly iters: [number, number];
  /** One item record per level, reused from item to item. */
  private readonly items: [Item, Item];

  constructor(
    private readonly w: VerifyExports,
    space: number,
  ) {
    const { dv, mem } = memoryViews(w.memory);
    this.dv = dv;
    this.mem = mem;
    const first = (space + 7) & ~7;
    this.iters = [first, first + ITER_SIZE];
    this.items = [newItem(), newItem()];
  }

  /** A numeric field of the Cert at `cert` (i64 times as numbers of seconds). */
  field(cert: number, name: CertField): number {
    const f = FIELDS[name];
    if (f.kind === 4) return this.dv.getUint32(cert + f.offset, true);
    if (f.kind === 8) return Number(this.dv.getBigInt64(cert + f.offset, true));
    return this.dv.getInt32(cert + f.offset, true);
  }

  /** Whether a CertFlag bit is set. */
  flag(cert: number, bit: (typeof CertFlag)[keyof typeof CertFlag]): boolean {
    return (this.field(cert, 'flags') & bit) !== 0;
  }

  /** Hex of a (pointer, length) pair of Cert fields. */
  hex(cert: number, ptr: CertField, len: CertField): string {
    const p = this.field(cert, ptr);
    return hexOf(this.mem, p, p + this.field(cert, len));
  }

  /** Dotted text of an OID held in a (pointer, length) pair of Cert fields. */
  oid(cert: number, ptr: CertField, len: CertField): string {
    const p = this.field(cert, ptr);
    return oidText(this.mem, p, p + this.field(cert, len));
  }

  /** Dotted text of an item's OID. */
  itemOid(item: Item): string {
    return oidText(this.mem, item.oid, item.oid + item.oidLen);
  }

  /** Hex of an item's value. */
  itemHex(item: Item): string {
    return hexOf(this.mem, item.val, item.val + item.valLen);
  }

  /**
   * Every item of an enumeration of `kind` over [ptr, ptr+len), mapped by `f` while the item is
   * current (the item record is reused: `f` must not keep it). `level` picks the Iter record
   * (0 outer, 1 nested).
   */
  each<T>(kind: number, ptr: number, len: number, f: (item: Item) => T, level: 0 | 1 = 0): T[] {
    const out: T[] = [];
    if (ptr === 0) return out;
    const it = this.iters[level];
    if (this.w.x509IterStart(it, kind, ptr, len) !== 0) return out;
    const item = this.items[level];
    const dv = this.dv;
    while (this.w.x509IterNext(it) === 1) {
      item.type = dv.getUint32(it + I.type[0], true);
      item.critical = dv.getUint32(it + I.critical[0], true) === 1;
      item.group = dv.getUint32(it + I.group[0], true);
      item.oid = dv.getUint32(it + I.oid[0], true);
      item.oidLen = dv.getUint32(it + I.oidLen[0], true);
      item.valTag = dv.getUint32(it + I.valTag[0], true);
      item.val = dv.getUint32(it + I.val[0], true);
      item.valLen = dv.getUint32(it + I.valLen[0], true);
      item.tlv = dv.getUint32(it + I.tlv[0], true);
      item.tlvLen = dv.getUint32(it + I.tlvLen[0], true);
      out.push(f(item));
    }
    return out;
  }

  /** RFC 4514 text and attributes of the Name TLV [ptr, ptr+len), with `der` (its encoding). */
  parsedName(
    ptr: number,
    len: number,
    der: Uint8Array,
  ): { text: string; attributes: NameAttribute[]; der: Uint8Array } {
    const { text, attributes } = this.name(ptr, len);
    return { text, attributes, der };
  }

  /** RFC 4514 text and attributes of the Name TLV [ptr, ptr+len). */
  name(ptr: number, len: number, level: 0 | 1 = 0): { text: string; attributes: NameAttribute[] } {
    const mem = this.mem;
    const text = new NameText();
    const attributes = this.each(
      IterKind.NAME,
      ptr,
      len,
      (a) =>
        text.add(
          nameAttribute(mem, a.oid, a.oidLen, a.valTag, a.val, a.valLen, a.tlv, a.tlvLen, a.group),
          !hasStringTag(a.valTag),
        ),
      level,
    );
    return { text: text.done(), attributes };
  }

  /** A GeneralName item as text; `subnet` reads an iPAddress as address/mask (name constraints). */
  generalName(g: Item, subnet: boolean): GeneralName {
    const mem = this.mem;
    const end = g.val + g.valLen;
    switch (g.type) {
      case GN.RFC822:
        return { type: 'email', value: ascii(mem, g.val, end) };
      case GN.DNS:
        return { type: 'dns', value: ascii(mem, g.val, end) };
      case GN.URI:
        return { type: 'uri', value: ascii(mem, g.val, end) };
      case GN.IP:
        return { type: 'ip', value: subnet ? formatSubnet(mem, g.val, end) : formatIp(mem, g.val, end) };
      case GN.REGISTERED_ID:
        return { type: 'registeredId', value: oidText(mem, g.val, end) };
      case GN.DIRECTORY: {
        const { text, attributes } = this.name(g.val, g.valLen, 1);
        return { type: 'dirName', value: text, attributes };
      }
      case GN.OTHER_NAME:
        return {
          type: 'otherName',
          oid: this.itemOid(g),
          value: stringValue(g.valTag, mem, g.val, end) ?? hexOf(mem, g.tlv, g.tlv + g.tlvLen),
        };
      case GN.X400:
        return { type: 'x400Address', value: hexOf(mem, g.val, end) };
      default:
        return { type: 'ediPartyName', value: hexOf(mem, g.val, end) };
    }
  }

  /** The GeneralNames of an enumeration (GENERAL_NAMES, SUBTREES, CRL_DP) as text. */
  generalNames(kind: number, ptr: number, len: number): GeneralName[] {
    const subnet = kind === IterKind.SUBTREES;
    return this.each(kind, ptr, len, (g) => this.generalName(g, subnet));
  }
}
