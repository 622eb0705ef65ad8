// Reads a rig inventory: YAML (the `yaml` package, which keeps source ranges) validated with Ajv
// against INVENTORY_SCHEMA. Every problem is reported with file, line, column and the dotted field
// path (`boards[1].serial.baud`), all problems at once, so a lab admin fixes the file in one go.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { RigFaultError } from '../errors.js';
import { INVENTORY_SCHEMA } from './schema.js';
import type { BoardSpec, Inventory } from './types.js';

/** Largest inventory file read (a lab of 256 boards is a few tens of KiB). */
export const MAX_INVENTORY_BYTES = 1024 * 1024;

/** One problem in an inventory file. */
export interface InventoryIssue {
  readonly file: string;
  /** 1-based; 0 when the problem has no position (an empty file). */
  readonly line: number;
  readonly column: number;
  /** Dotted path of the field (`boards[0].serial`), empty for the whole document. */
  readonly field: string;
  readonly message: string;
}

/** The inventory is unreadable or invalid: a rig fault (exit 2). `issues` lists every problem. */
export class InventoryError extends RigFaultError {
  override readonly name = 'InventoryError';
  constructor(readonly issues: readonly InventoryIssue[]) {
    super(
      `invalid rig inventory:\n${issues.map((i) => `  ${i.file}:${i.line}:${i.column}: ${i.field ? `${i.field}: ` : ''}${i.message}`).join('\n')}`,
    );
  }
}

const ajv = new Ajv({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  discriminator: true,
});
const validate = ajv.compile(INVENTORY_SCHEMA);

function fieldOf(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

function pathOf(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The errors worth showing: Ajv reports the branches of `if/then` and `anyOf` too. */
function usefulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const out = errors.filter((e) => e.keyword !== 'if');
  // An anyOf failure is explained better by its own message than by each branch's "required".
  const anyOfPaths = new Set(out.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  return out.filter(
    (e) => !(e.keyword === 'required' && anyOfPaths.has(e.instancePath) && /anyOf/.test(e.schemaPath)),
  );
}

function messageOf(error: ErrorObject): { message: string; extra: string | null } {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return {
        message: `unknown field "${String(p.additionalProperty)}"`,
        extra: String(p.additionalProperty),
      };
    case 'required':
      return { message: `missing required field "${String(p.missingProperty)}"`, extra: null };
    case 'enum':
      return {
        message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        extra: null,
      };
    case 'const':
      return { message: `must be ${JSON.stringify(p.allowedValue)}`, extra: null };
    case 'anyOf':
      return error.schemaPath.includes('/serial/')
        ? { message: 'needs "path", "serialNumber", or "vendorId" with "productId"', extra: null }
        : { message: 'matches none of the allowed forms', extra: null };
    default:
      return { message: error.message ?? error.keyword, extra: null };
  }
}

function positionOf(
  doc: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  path: readonly (string | number)[],
  key: string | null,
): { line: number; column: number } {
  let node: unknown = doc.getIn(path, true);
  if (key !== null && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
    if (pair && isScalar(pair.key)) node = pair.key;
  }
  // Walk up until a node with a range (a missing field is reported at its parent).
  let depth = path.length;
  while (!(node as Node | undefined)?.range && depth > 0) {
    depth -= 1;
    node = doc.getIn(path.slice(0, depth), true);
  }
  const range = (node as Node | undefined)?.range ?? doc.contents?.range;
  if (!range) return { line: 0, column: 0 };
  const pos = counter.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

const PLACEHOLDER = /\{[a-zA-Z]+\}/;

function resolvePath(base: string, p: string | undefined): string | undefined {
  if (p === undefined || isAbsolute(p) || PLACEHOLDER.test(p)) return p;
  return resolve(base, p);
}

function resolveBoard(base: string, board: BoardSpec): BoardSpec {
  const f = board.flasher;
  const flasher =
    f.type === 'esptool' && f.images
      ? { ...f, images: f.images.map((i) => ({ ...i, file: resolvePath(base, i.file) as string })) }
      : f.type === 'native' && f.source
        ? { ...f, source: resolvePath(base, f.source) as string }
        : f;
  const firmware = board.firmware
    ? {
        ...board.firmware,
        ...(board.firmware.image ? { image: resolvePath(base, board.firmware.image) as string } : {}),
        ...(board.firmware.elf ? { elf: resolvePath(base, board.firmware.elf) as string } : {}),
      }
    : undefined;
  return { ...board, flasher, ...(firmware ? { firmware } : {}) };
}

/**
 * Parses and validates inventory text. `file` names it in errors and is the base of relative paths.
 * @throws InventoryError listing every YAML and schema problem with line and field.
 * @example
 * ```ts
 * const inventory = parseInventory(readFileSync('hil/rigs/sim.yaml', 'utf8'), 'hil/rigs/sim.yaml');
 * ```
 */
export function parseInventory(text: string, file: string): Inventory {
  if (text.length > MAX_INVENTORY_BYTES) {
    throw new InventoryError([
      { file, line: 0, column: 0, field: '', message: `larger than ${MAX_INVENTORY_BYTES} bytes` },
    ]);
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InventoryError(
      doc.errors.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          field: '',
          message: `YAML: ${e.message.split('\n')[0]}`,
        };
      }),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!validate(data)) {
    const issues = usefulErrors(validate.errors ?? []).map((error) => {
      const path = pathOf(error.instancePath);
      const { message, extra } = messageOf(error);
      const pos = positionOf(doc, counter, path, extra);
      return { file, ...pos, field: fieldOf(extra ? [...path, extra] : path), message };
    });
    throw new InventoryError(issues);
  }
  const valid = data as unknown as Omit<Inventory, 'file'>;
  const ids = new Map<string, number>();
  const duplicates: InventoryIssue[] = [];
  valid.boards.forEach((b, i) => {
    if (ids.has(b.id)) {
      duplicates.push({
        file,
        ...positionOf(doc, counter, ['boards', i, 'id'], null),
        field: `boards[${i}].id`,
        message: `duplicate board id "${b.id}" (first at boards[${ids.get(b.id)}])`,
      });
    } else ids.set(b.id, i);
  });
  if (duplicates.length > 0) throw new InventoryError(duplicates);
  const base = dirname(resolve(file));
  return {
    ...valid,
    ...(valid.lockDir ? { lockDir: resolvePath(base, valid.lockDir) as string } : {}),
    boards: valid.boards.map((b) => resolveBoard(base, b)),
    file,
  };
}

/**
 * Reads and validates an inventory file.
 * @throws InventoryError when the file is missing, unreadable or invalid.
 */
export function loadInventory(file: string): Inventory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InventoryError([
      { file, line: 0, column: 0, field: '', message: `cannot read: ${(cause as Error).message}` },
    ]);
  }
  return parseInventory(text, file);
}

/** Criteria of {@link selectBoards}. */
export interface BoardSelection {
  /** Board ids (exact). */
  readonly board?: readonly string[];
  /** Tags: a board must carry every one. */
  readonly tag?: readonly string[];
}

/**
 * The boards matching `--board` (any of the ids) and `--tag` (all of the tags), in inventory order.
 * @throws InventoryError when a named board does not exist or nothing matches.
 */
export function selectBoards(inventory: Inventory, selection: BoardSelection = {}): BoardSpec[] {
  const ids = selection.board ?? [];
  const tags = selection.tag ?? [];
  const unknown = ids.filter((id) => !inventory.boards.some((b) => b.id === id));
  if (unknown.length > 0) {
    throw new InventoryError(
      unknown.map((id) => ({
        file: inventory.file,
        line: 0,
        column: 0,
        field: '',
        message: `no board "${id}" (have ${inventory.boards.map((b) => b.id).join(', ')})`,
      })),
    );
  }
  const out = inventory.boards.filter(
    (b) => (ids.length === 0 || ids.includes(b.id)) && tags.every((t) => b.tags?.includes(t)),
  );
  if (out.length === 0) {
    throw new InventoryError([
      {
        file: inventory.file,
        line: 0,
        column: 0,
        field: '',
        message: `no board carries every tag of ${tags.join(', ')}`,
      },
    ]);
  }
  return out;
}
