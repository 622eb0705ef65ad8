#!/usr/bin/env node
// Writes the 2016 and 2017 versions of the Azure IoT C SDK's certs/certs.c that readiness tests
// use, from the real PEM files, in the layout of that file (see test-data/readiness/README.md):
// the SDK's header comment, `#include "certs.h"`, one `const char certificates[]` whose string
// literals hold each PEM line with `\r\n`, a comment naming each certificate.
//
// usage: node scripts/make-legacy-certs-c.mjs [<dir with the catalog PEMs>] [<output dir>]
//        (defaults: data/certs and test-data/readiness of this package)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('..', import.meta.url).pathname;
const certs = process.argv[2] ?? join(here, 'data/certs');
const out = process.argv[3] ?? join(here, 'test-data/readiness');

const FILES = {
  // Azure/azure-iot-sdk-c certs/certs.c @1e2d34d4 (2016-01-25): a real server chain.
  'azure-iot-sdk-c-2016-01-25-certs.c': [
    ['baltimore-cybertrust-root', 'DigiCert Baltimore Root'],
    ['microsoft-it-ssl-sha2', 'Microsoft IT SSL SHA2'],
    ['leaf-azure-devices-net-2015', '*.azure-devices.net'],
  ],
  // The same file @1c839840 (2017-01-21), "Removed expired certs from certs.c": Baltimore only.
  'azure-iot-sdk-c-2017-01-21-certs.c': [['baltimore-cybertrust-root', 'DigiCert Baltimore Root']],
};

for (const [name, list] of Object.entries(FILES)) {
  const lines = [
    '// Copyright (c) Microsoft. All rights reserved.',
    '// Licensed under the MIT license. See LICENSE file in the project root for full license information.',
    '',
    '/* This file contains certs needed to communicate with Azure (IoT) */',
    '',
    '#include "certs.h"',
    '',
    'const char certificates[] =',
  ];
  for (const [slug, label] of list) {
    lines.push(`/* ${label} */`);
    const pem = readFileSync(join(certs, `${slug}.pem`), 'utf8')
      .trim()
      .split(/\r?\n/);
    for (const l of pem) lines.push(`"${l}\\r\\n"`);
  }
  lines.push(';', '');
  writeFileSync(join(out, name), lines.join('\n'));
  console.log(`wrote ${join(out, name)}`);
}
