// The validity timeline: one bar per root and intermediate (the chain the hub serves, the roots
// the device carries), today and the horizon marked, so "which of these runs out before my
// fleet does?" is one look. Model here, SVG in timeline-svg.ts.
import { type CertificateSummary, isoSeconds } from './certificate-summary.js';

/** How a bar relates to the reference time and the horizon. */
export type TimelineState = 'through-horizon' | 'ends-before-horizon' | 'expired' | 'not-yet-valid';

/** One bar. */
export interface TimelineRow {
  label: string;
  /** The group (e.g. `served by the hub`, `device bundle`). */
  group: string;
  sha256: string;
  notBefore: string;
  notAfter: string;
  state: TimelineState;
}

/** The result of {@link buildTimeline}. */
export interface Timeline {
  /** The reference time ("today"). */
  at: string;
  /** The date the device must keep working until. */
  horizon: string;
  rows: TimelineRow[];
}

/** A named list of certificates to plot. */
export interface TimelineGroup {
  name: string;
  certificates: readonly CertificateSummary[];
}

/**
 * The same calendar date `years` later (UTC), the default horizon of the reports.
 * @example yearsAfter(new Date('2026-06-01T00:00:00Z'), 5) // 2031-06-01T00:00:00Z
 */
export function yearsAfter(date: Date, years: number): Date {
  const out = new Date(date.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

function stateOf(c: CertificateSummary, at: Date, horizon: Date): TimelineState {
  const notAfter = Date.parse(c.notAfter);
  if (notAfter < at.getTime()) return 'expired';
  if (Date.parse(c.notBefore) > at.getTime()) return 'not-yet-valid';
  return notAfter < horizon.getTime() ? 'ends-before-horizon' : 'through-horizon';
}

/**
 * Builds the timeline of the given groups, in order, each certificate once per group (by SHA-256).
 * @example
 * ```ts
 * buildTimeline({ groups: [{ name: 'device bundle', certificates: roots }], at: new Date(), horizon });
 * ```
 */
export function buildTimeline(input: {
  groups: readonly TimelineGroup[];
  at: Date;
  horizon: Date;
}): Timeline {
  const rows: TimelineRow[] = [];
  for (const group of input.groups) {
    const seen = new Set<string>();
    for (const c of group.certificates) {
      if (seen.has(c.sha256)) continue;
      seen.add(c.sha256);
      rows.push({
        label: c.label,
        group: group.name,
        sha256: c.sha256,
        notBefore: c.notBefore,
        notAfter: c.notAfter,
        state: stateOf(c, input.at, input.horizon),
      });
    }
  }
  return { at: isoSeconds(input.at), horizon: isoSeconds(input.horizon), rows };
}
