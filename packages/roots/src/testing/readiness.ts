// Test-only helpers for the readiness tests: the rebuilt legacy certs.c files and a small report query.
import { readFileSync } from 'node:fs';
import type { ReadinessReport, ReportEndpoint, ReportInterval } from '../readiness/report.js';

/** Bytes of a file under test-data/readiness/. */
export function readinessData(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../test-data/readiness/${name}`, import.meta.url)));
}

/** The endpoint of a report for a family id. */
export function endpoint(r: ReadinessReport, family: string): ReportEndpoint {
  const e = r.endpoints.find((x) => x.family === family);
  if (!e) throw new Error(`no endpoint ${family} in the report`);
  return e;
}

/** The interval of an endpoint's timeline that contains `t`. */
export function intervalAt(e: ReportEndpoint, t: Date | string): ReportInterval {
  const ms = new Date(t).getTime();
  const i = e.timeline.find((x) => Date.parse(x.from) <= ms && ms < Date.parse(x.to));
  if (!i) throw new Error(`${e.family}: no interval contains ${new Date(ms).toISOString()}`);
  return i;
}
