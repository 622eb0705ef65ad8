// The chain diagram: one box per certificate of the path (leaf on top, trust anchor at the
// bottom) with subject, issuer, expiry and a verdict colour; the failing certificate and its
// link to the issuer drawn in red; a dashed box for an issuer nobody supplied. Pure function of
// a ChainSummary returning SVG text, so Node (HTML report) and the browser (web page) share it.
import { type CertificateSummary, isReadable, type UnreadableCertificate } from './certificate-summary.js';
import type { ChainSummary, PathEntry } from './chain-summary.js';
import { ellipsize, escapeXml } from './escape.js';
import { day, FONT, PALETTE } from './palette.js';

const WIDTH = 640;
const MARGIN = 12;
const BOX_H = 84;
const GAP = 38;
/** Characters of a subject line that fit the box at 15 px (about 8 px per character). */
const SUBJECT_CHARS = 64;
const LINE_CHARS = 84;

const ROLE_TEXT: Record<PathEntry['role'], string> = {
  leaf: 'LEAF (server certificate)',
  intermediate: 'INTERMEDIATE',
  anchor: 'TRUST ANCHOR',
};

function sourceText(entry: PathEntry): string {
  if (entry.source === 'roots') return `device bundle #${entry.sourceIndex}`;
  if (entry.source === 'leaf') return 'sent #0';
  return `intermediates #${entry.sourceIndex}`;
}

function expiryText(c: CertificateSummary): string {
  if (c.status === 'expired') return `expired ${day(c.notAfter)} (${-c.daysLeft} days ago)`;
  if (c.status === 'not-yet-valid') return `not valid before ${day(c.notBefore)}`;
  return `expires ${day(c.notAfter)} (${c.daysLeft.toLocaleString('en-US')} days left)`;
}

/** The CN of an RFC 4514 name (the whole name when it has none). */
function cnOf(name: string): string {
  return /(?:^|,)CN=((?:\\.|[^,\\])+)/.exec(name)?.[1]?.replace(/\\(.)/g, '$1') ?? name;
}

function colours(entry: PathEntry, ok: boolean) {
  if (entry.failing) return PALETTE.fail;
  if (ok) return PALETTE.ok;
  if (isReadable(entry.certificate) && entry.certificate.status !== 'valid') return PALETTE.warn;
  return PALETTE.neutral;
}

function badge(entry: PathEntry, ok: boolean, code: string | undefined): string {
  if (entry.failing) return `✗ ${code ?? 'FAILED'}`;
  if (ok) return '✓ verified';
  return '';
}

function text(x: number, y: number, body: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(body)}</text>`;
}

function box(
  y: number,
  lines: { role: string; title: string; issuer: string; detail: string; badge: string },
  c: { stroke: string; fill: string },
  dashed: boolean,
): string {
  const x = MARGIN;
  const w = WIDTH - 2 * MARGIN;
  return [
    `<g class="cert">`,
    `<rect x="${x}" y="${y}" width="${w}" height="${BOX_H}" rx="8" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${dashed ? 2 : 2.5}"${dashed ? ' stroke-dasharray="7 5"' : ''}/>`,
    text(x + 14, y + 20, lines.role, `font-size="11" letter-spacing="0.06em" fill="${PALETTE.muted}"`),
    lines.badge
      ? text(
          x + w - 14,
          y + 20,
          lines.badge,
          `font-size="12" font-weight="700" text-anchor="end" fill="${c.stroke}"`,
        )
      : '',
    text(
      x + 14,
      y + 42,
      ellipsize(lines.title, SUBJECT_CHARS),
      `font-size="15" font-weight="700" fill="${PALETTE.ink}"`,
    ),
    text(x + 14, y + 60, ellipsize(lines.issuer, LINE_CHARS), `font-size="12" fill="${PALETTE.muted}"`),
    text(x + 14, y + 76, ellipsize(lines.detail, LINE_CHARS), `font-size="12" fill="${PALETTE.ink}"`),
    `</g>`,
  ].join('');
}

function link(y: number, colour: string, label: string, dashed: boolean): string {
  const x = WIDTH / 2;
  const y1 = y + 4;
  const y2 = y + GAP - 6;
  return [
    `<g class="link">`,
    `<line x1="${x}" y1="${y1}" x2="${x}" y2="${y2 - 6}" stroke="${colour}" stroke-width="2.5"${dashed ? ' stroke-dasharray="5 4"' : ''}/>`,
    `<path d="M${x - 6} ${y2 - 8} L${x} ${y2} L${x + 6} ${y2 - 8} Z" fill="${colour}"/>`,
    text(x + 12, y + GAP / 2 + 4, label, `font-size="11" fill="${colour}"`),
    `</g>`,
  ].join('');
}

function entryLines(entry: PathEntry, ok: boolean, code: string | undefined) {
  const c = entry.certificate;
  const role = `${ROLE_TEXT[entry.role]} · ${sourceText(entry)}`;
  if (!isReadable(c)) {
    return {
      role,
      title: 'unreadable certificate',
      issuer: c.error.message,
      detail: `sha256 ${c.sha256}`,
      badge: badge(entry, ok, code),
    };
  }
  return {
    role,
    title: c.label,
    issuer: c.selfIssued ? 'self-issued' : `issued by ${c.issuer}`,
    detail: `${expiryText(c)} · sha256 ${c.sha256.slice(0, 16)}…`,
    badge: badge(entry, ok, code),
  };
}

function unusedText(list: (CertificateSummary | UnreadableCertificate)[], ok: boolean): string {
  return `${ok ? 'Also sent, not on the path' : 'Also sent, not reached'}: ${list.map((c) => (isReadable(c) ? c.label : `unreadable ${c.sha256.slice(0, 12)}…`)).join('; ')}`;
}

/**
 * Renders the chain diagram of a {@link ChainSummary} as a standalone `<svg>` element.
 * @example
 * ```ts
 * element.innerHTML = renderChainSvg(summarizeChain({ sent, result, at }));
 * ```
 */
export function renderChainSvg(summary: ChainSummary): string {
  const { verdict } = summary;
  const parts: string[] = [];
  let y = MARGIN;
  summary.path.forEach((entry, i) => {
    parts.push(box(y, entryLines(entry, verdict.ok, verdict.code), colours(entry, verdict.ok), false));
    y += BOX_H;
    const next = summary.path[i + 1];
    if (next) {
      const failingLink = entry.failing && !next.failing;
      const colour = failingLink
        ? PALETTE.fail.stroke
        : verdict.ok
          ? PALETTE.ok.stroke
          : PALETTE.neutral.stroke;
      parts.push(link(y, colour, failingLink ? 'failing link: issued by' : 'issued by', false));
      y += GAP;
    }
  });
  if (summary.missingIssuer !== undefined) {
    parts.push(link(y, PALETTE.fail.stroke, 'issuer not found', true));
    y += GAP;
    parts.push(
      box(
        y,
        {
          role: 'MISSING ISSUER',
          title: cnOf(summary.missingIssuer) || '(empty issuer name)',
          issuer: ellipsize(`${summary.missingIssuer}: neither sent nor in the device bundle`, LINE_CHARS),
          detail: 'add this root to the device bundle, or have the server send the intermediate',
          badge: '✗ not found',
        },
        PALETTE.fail,
        true,
      ),
    );
    y += BOX_H;
  }
  if (summary.unused.length > 0) {
    y += 22;
    parts.push(
      text(
        MARGIN,
        y,
        ellipsize(unusedText(summary.unused, verdict.ok), 110),
        `font-size="12" fill="${PALETTE.muted}"`,
      ),
    );
  }
  const height = y + MARGIN;
  const title = verdict.ok ? 'Certificate chain: verified' : `Certificate chain: ${verdict.code ?? 'failed'}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="hubtrust-chain" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(title)}" font-family="${escapeXml(FONT)}">`,
    `<title>${escapeXml(title)}</title>`,
    ...parts,
    '</svg>',
  ].join('');
}
