// The few colours every renderer shares. Chosen for contrast on white and in greyscale print:
// the verdict is also always written as text, never carried by colour alone.

/** Stroke/text and fill colours per state. */
export const PALETTE = {
  ok: { stroke: '#1a7f37', fill: '#dafbe1' },
  fail: { stroke: '#cf222e', fill: '#ffebe9' },
  warn: { stroke: '#9a6700', fill: '#fff8c5' },
  neutral: { stroke: '#57606a', fill: '#f6f8fa' },
  today: '#0969da',
  horizon: '#8250df',
  ink: '#1f2328',
  muted: '#57606a',
} as const;

/** Font stack with no web font (the report and the page fetch nothing). */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif";

/** `2035-06-01` from an ISO 8601 date-time. */
export function day(iso: string): string {
  return iso.slice(0, 10);
}
