import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RigFaultError } from '../errors.js';
import { InventoryError, parseInventory, selectBoards } from './load.js';

const rigs = fileURLToPath(new URL('../../../../hil/rigs/', import.meta.url));

function issuesOf(text: string) {
  try {
    parseInventory(text, 'lab.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InventoryError);
    expect(error).toBeInstanceOf(RigFaultError);
    return (error as InventoryError).issues;
  }
  throw new Error('expected an InventoryError');
}

const GOOD = `version: 1
boards:
  - id: a
    tags: [esp32, wifi]
    serial: { path: /dev/ttyUSB0 }
    flasher: { type: command, command: [nrfjprog, --program, '{firmware}'] }
  - id: b
    tags: [esp32]
    serial: { vendorId: 10c4, productId: ea60 }
    flasher: { type: native, source: ./board }
`;

describe('inventory', () => {
  it('reads the committed rigs', () => {
    for (const name of ['sim.yaml', 'example-lab.yaml']) {
      const file = `${rigs}${name}`;
      const inventory = parseInventory(readFileSync(file, 'utf8'), file);
      expect(inventory.boards.length).toBeGreaterThan(0);
    }
    const lab = parseInventory(readFileSync(`${rigs}example-lab.yaml`, 'utf8'), `${rigs}example-lab.yaml`);
    expect(lab.boards.map((b) => b.flasher.type)).toEqual(['esptool', 'uf2', 'command']);
    const esp = lab.boards[0]?.flasher;
    expect(esp?.type === 'esptool' && esp.images?.[0]).toEqual({
      offset: 0x1000,
      file: `${rigs}firmware/esp32/bootloader.bin`,
    });
  });

  it('resolves relative paths against the file and keeps placeholders', () => {
    const inv = parseInventory(GOOD, '/labs/x/lab.yaml');
    const b = inv.boards[1]?.flasher;
    expect(b?.type === 'native' && b.source).toBe('/labs/x/board');
    const a = inv.boards[0]?.flasher;
    expect(a?.type === 'command' && a.command[2]).toBe('{firmware}');
  });

  it('points at file, line and field for every problem at once', () => {
    const issues = issuesOf(`version: 1
boards:
  - id: a
    serial: { path: /dev/ttyUSB0, baud: fast }
    flasher: { type: esptool, chipp: esp32 }
  - id: b
    flasher: { type: uf2 }
    reset: D2|W100
`);
    const byField = Object.fromEntries(issues.map((i) => [i.field, i]));
    expect(byField['boards[0].serial.baud']).toMatchObject({
      file: 'lab.yaml',
      line: 4,
      message: 'must be integer',
    });
    expect(byField['boards[0].flasher.chipp']).toMatchObject({ line: 5, message: 'unknown field "chipp"' });
    expect(byField['boards[1]']).toMatchObject({ line: 6, message: 'missing required field "serial"' });
    expect(byField['boards[1].flasher']).toMatchObject({
      line: 7,
      message: 'missing required field "drive"',
    });
    expect(byField['boards[1].reset']?.line).toBe(8);
  });

  it('reports YAML syntax errors, duplicate keys and duplicate ids with positions', () => {
    expect(issuesOf('version: 1\nboards: [\n')[0]).toMatchObject({
      line: expect.any(Number),
      message: expect.stringMatching(/^YAML/),
    });
    expect(issuesOf('version: 1\nversion: 1\nboards: []\n')[0]?.line).toBe(2);
    const dup = issuesOf(GOOD.replace('id: b', 'id: a'));
    expect(dup[0]).toMatchObject({
      field: 'boards[1].id',
      line: 7,
      message: expect.stringContaining('duplicate'),
    });
  });

  it('rejects a serial spec that names no port', () => {
    const issues = issuesOf(GOOD.replace('{ vendorId: 10c4, productId: ea60 }', '{ vendorId: 10c4 }'));
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'boards[1].serial',
        message: expect.stringContaining('needs "path"'),
      }),
    ]);
  });

  it('rejects empty, non-object and oversized input', () => {
    expect(issuesOf('')[0]?.message).toMatch(/must be object/);
    expect(issuesOf('- 1\n')[0]?.message).toMatch(/must be object/);
    expect(issuesOf('x'.repeat(1024 * 1024 + 1))[0]?.message).toMatch(/larger than/);
  });

  it('selects boards by id and by tags', () => {
    const inv = parseInventory(GOOD, 'lab.yaml');
    expect(selectBoards(inv).map((b) => b.id)).toEqual(['a', 'b']);
    expect(selectBoards(inv, { tag: ['esp32', 'wifi'] }).map((b) => b.id)).toEqual(['a']);
    expect(selectBoards(inv, { board: ['b'] }).map((b) => b.id)).toEqual(['b']);
    expect(() => selectBoards(inv, { board: ['c'] })).toThrow(/no board "c"/);
    expect(() => selectBoards(inv, { tag: ['nrf'] })).toThrow(InventoryError);
  });
});
