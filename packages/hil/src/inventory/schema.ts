// JSON Schema (draft 2020-12 subset that Ajv 8 checks) of a rig inventory file. Every object is
// closed (`additionalProperties: false`) so a misspelt key is an error with a line number, not a
// silently ignored setting. The TypeScript view is in ./types.ts; the schema test checks that the
// committed example inventories (hil/rigs/*.yaml) validate.

const templateCommand = {
  description:
    'A command line as an argument list (no shell). Placeholders: {port} {board} {firmware} {elf} {serialNumber} {bundle}.',
  type: 'array',
  minItems: 1,
  maxItems: 64,
  items: { type: 'string', minLength: 1, maxLength: 4096 },
} as const;

const timeoutMs = { type: 'integer', minimum: 1, maximum: 86_400_000 } as const;

const serial = {
  type: 'object',
  additionalProperties: false,
  description:
    'How to find the console port: a path (/dev/ttyUSB0, /dev/serial/by-id/…), or a USB serial number and/or VID:PID resolved through SerialPort.list().',
  properties: {
    path: { type: 'string', minLength: 1, maxLength: 4096 },
    serialNumber: { type: 'string', minLength: 1, maxLength: 256 },
    vendorId: { type: 'string', pattern: '^[0-9a-fA-F]{4}$' },
    productId: { type: 'string', pattern: '^[0-9a-fA-F]{4}$' },
    baud: { type: 'integer', minimum: 50, maximum: 12_000_000 },
  },
  anyOf: [{ required: ['path'] }, { required: ['serialNumber'] }, { required: ['vendorId', 'productId'] }],
} as const;

const image = {
  type: 'object',
  additionalProperties: false,
  required: ['offset', 'file'],
  properties: {
    offset: { type: 'integer', minimum: 0, maximum: 0xffffffff },
    file: { type: 'string', minLength: 1 },
  },
} as const;

// Ajv's `discriminator` picks the branch by `type`, so errors come from that branch only.
const flasher = {
  type: 'object',
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: [
    {
      additionalProperties: false,
      properties: {
        type: { const: 'esptool' },
        chip: { enum: ['auto', 'esp8266', 'esp32', 'esp32s2', 'esp32s3', 'esp32c3', 'esp32c6', 'esp32h2'] },
        baud: { type: 'integer', minimum: 9600, maximum: 4_000_000 },
        images: { type: 'array', minItems: 1, maxItems: 16, items: image },
        timeoutMs,
      },
    },
    {
      additionalProperties: false,
      required: ['drive'],
      properties: {
        type: { const: 'uf2' },
        drive: { type: 'string', minLength: 1, description: 'Mount point of the bootloader drive.' },
        enterBootloader: templateCommand,
        timeoutMs,
      },
    },
    {
      additionalProperties: false,
      required: ['command'],
      properties: { type: { const: 'command' }, command: templateCommand, timeoutMs },
    },
    {
      additionalProperties: false,
      properties: {
        type: { const: 'native' },
        source: { type: 'string', minLength: 1, description: 'Directory of the native board sources.' },
        cc: { type: 'string', minLength: 1 },
        timeoutMs,
      },
    },
  ],
} as const;

const reset = {
  description:
    'esp-classic, usb-jtag-serial, hard-reset, none, native (restart the simulated board), or a custom sequence such as "D0|R1|W100|R0".',
  type: 'string',
  pattern:
    '^(esp-classic|usb-jtag-serial|hard-reset|none|native|([DR][01]|W[0-9]{1,5})(\\|([DR][01]|W[0-9]{1,5})){0,63})$',
} as const;

const board = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'serial', 'flasher'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
    description: { type: 'string', maxLength: 1000 },
    tags: {
      type: 'array',
      maxItems: 64,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$' },
    },
    pool: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      description:
        'Boards with the same pool are interchangeable: each case runs once per pool, on whichever of its boards is free.',
    },
    serial,
    flasher,
    reset,
    firmware: {
      type: 'object',
      additionalProperties: false,
      properties: {
        image: { type: 'string', minLength: 1 },
        elf: { type: 'string', minLength: 1 },
        bootBanner: { type: 'string', minLength: 1, maxLength: 1000, description: 'Regular expression.' },
      },
    },
    toolchain: {
      type: 'object',
      additionalProperties: false,
      properties: { addr2line: { type: 'string', minLength: 1 } },
    },
    power: {
      type: 'object',
      additionalProperties: false,
      required: ['off', 'on'],
      properties: {
        off: templateCommand,
        on: templateCommand,
        offMs: { type: 'integer', minimum: 0, maximum: 60_000 },
        timeoutMs,
      },
    },
    timeouts: {
      type: 'object',
      additionalProperties: false,
      properties: { bootMs: timeoutMs, handshakeMs: timeoutMs, flashMs: timeoutMs, reconnectMs: timeoutMs },
    },
  },
} as const;

/** The inventory schema. */
export const INVENTORY_SCHEMA = {
  $id: 'https://hubtrust.invalid/schemas/hil-inventory.json',
  title: 'hubtrust HIL rig inventory',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'boards'],
  properties: {
    version: { const: 1 },
    rig: { type: 'string', maxLength: 200, description: 'Name of this rig host.' },
    lockDir: { type: 'string', minLength: 1 },
    boards: { type: 'array', minItems: 1, maxItems: 256, items: board },
  },
} as const;
