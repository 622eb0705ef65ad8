import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HANDSHAKE_CAUSES } from '@hubtrust/roots';
import { describe, expect, it } from 'vitest';
import { schemaErrors } from './testing/cli.js';

const SCHEMAS = fileURLToPath(new URL('../schemas/', import.meta.url));

describe('the --json schemas', () => {
  it('the cause enum is exactly the shared vocabulary of @hubtrust/roots', () => {
    const schema = JSON.parse(readFileSync(`${SCHEMAS}cause.v1.schema.json`, 'utf8'));
    expect(schema.enum).toEqual([...HANDSHAKE_CAUSES]);
    expect(schemaErrors('cause', 'unknown_ca')).toEqual([]);
    expect(schemaErrors('cause', 'unknown-ca')).not.toEqual([]);
  });

  it('every schema has a versioned urn id matching its file name', () => {
    for (const file of readdirSync(SCHEMAS)) {
      const [, name, version] = /^(.+)\.v(\d+)\.schema\.json$/.exec(file) ?? [];
      expect(name, file).toBeDefined();
      const schema = JSON.parse(readFileSync(`${SCHEMAS}${file}`, 'utf8'));
      expect(schema.$id).toBe(`urn:hubtrust:schema:${name}:v${version}`);
    }
  });
});
