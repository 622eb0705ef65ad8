import { readFileSync } from 'node:fs';
import { init, pemToDer, verifyChain } from '@hubtrust/verify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTimeline,
  chainSection,
  escapeXml,
  isReadable,
  readinessSection,
  renderChainSvg,
  renderReadinessSvg,
  renderReportHtml,
  renderTimelineSvg,
  summarizeCertificate,
  summarizeChain,
  timelineSection,
} from './index.js';

const der = (name: string) =>
  pemToDer(readFileSync(new URL(`../test-data/${name}.pem`, import.meta.url), 'utf8'));
const AT = new Date('2026-06-01T00:00:00Z');
// The intermediate stands in for a leaf here (purpose any, lenient profile): a 2-link real chain.
const options = { purpose: 'any' as const, strictProfile: false };

beforeAll(async () => {
  await init();
});

/** Well-formed XML with DOMParser is not available in Node: check the tags balance instead. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    const [, close, tag, self] = m;
    if (self) continue;
    if (close) {
      if (stack.pop() !== tag) return false;
    } else stack.push(tag as string);
  }
  return stack.length === 0;
}

describe('summaries', () => {
  it('summarizes a real root with its SHA-256, label and status at a given time', () => {
    const s = summarizeCertificate(der('baltimore-cybertrust-root'), AT);
    if (!isReadable(s)) throw new Error('unreadable');
    expect(s.label).toBe('Baltimore CyberTrust Root');
    expect(s.sha256).toMatch(/^16af57a9f676b0ab[0-9a-f]{48}$/);
    expect(s.status).toBe('expired');
    expect(s.notAfter).toBe('2025-05-12T23:59:00Z');
    expect(s.daysLeft).toBeLessThan(0);
    expect(summarizeCertificate(der('baltimore-cybertrust-root'), new Date('2020-01-01'))).toMatchObject({
      status: 'valid',
    });
  });

  it('keeps the SHA-256 of bytes the decoder refuses', () => {
    const s = summarizeCertificate(new Uint8Array([0x30, 0x03, 1, 2, 3]), AT);
    expect(isReadable(s)).toBe(false);
    expect(s.sha256).toHaveLength(64);
  });

  it('a verified chain: leaf then anchor, nothing failing', () => {
    const sent = [der('microsoft-azure-rsa-tls-issuing-ca-03-xsign')];
    const result = verifyChain({
      leaf: sent[0] as Uint8Array,
      roots: [der('digicert-global-root-g2')],
      time: AT,
      ...options,
    });
    const summary = summarizeChain({ sent, result, at: AT });
    expect(summary.verdict).toEqual({ ok: true });
    expect(summary.path.map((p) => [p.role, p.source, p.failing])).toEqual([
      ['leaf', 'leaf', false],
      ['anchor', 'roots', false],
    ]);
    expect(summary.unused).toEqual([]);
  });

  it('an unknown issuer names the missing root; a sent certificate off the path is listed', () => {
    const sent = [der('microsoft-azure-rsa-tls-issuing-ca-03-xsign'), der('microsoft-rsa-tls-ca-01')];
    const result = verifyChain({
      leaf: sent[0] as Uint8Array,
      intermediates: [sent[1] as Uint8Array],
      roots: [der('baltimore-cybertrust-root')],
      time: new Date('2024-01-01'),
      ...options,
    });
    const summary = summarizeChain({ sent, result, at: new Date('2024-01-01') });
    expect(summary.verdict.code).toBe('UNKNOWN_ISSUER');
    expect(summary.missingIssuer).toContain('DigiCert Global Root G2');
    expect(summary.path[0]?.failing).toBe(true);
    expect(summary.unused.map((c) => (isReadable(c) ? c.label : ''))).toEqual(['Microsoft RSA TLS CA 01']);
    const svg = renderChainSvg(summary);
    expect(svg).toContain('MISSING ISSUER');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('#cf222e');
    expect(svg).toContain('Also sent, not reached: Microsoft RSA TLS CA 01');
    expect(balanced(svg)).toBe(true);
  });

  it('an expired anchor is the failing certificate and its link is highlighted', () => {
    const sent = [der('microsoft-rsa-tls-ca-01')];
    const result = verifyChain({
      leaf: sent[0] as Uint8Array,
      roots: [der('baltimore-cybertrust-root')],
      time: AT,
      ...options,
      allowSha1: true,
    });
    const summary = summarizeChain({ sent, result, at: AT });
    expect(summary.verdict.ok).toBe(false);
    const failing = summary.path.filter((p) => p.failing);
    expect(failing).toHaveLength(1);
    const svg = renderChainSvg(summary);
    expect(svg).toContain(`✗ ${summary.verdict.code}`);
    expect(balanced(svg)).toBe(true);
  });
});

describe('renderers', () => {
  it('escape hostile names in SVG and HTML', () => {
    expect(escapeXml('<script>"&\'\u0001')).toBe('&lt;script&gt;&quot;&amp;&#39;\uFFFD');
    const timeline = buildTimeline({
      groups: [
        {
          name: '<b>bundle</b>',
          certificates: [summarizeCertificate(der('digicert-global-root-g2'), AT)].filter(isReadable),
        },
      ],
      at: AT,
      horizon: new Date('2036-01-01'),
    });
    const svg = renderTimelineSvg(timeline);
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;bundle');
  });

  it('the timeline marks today and the horizon and colours each bar by state', () => {
    const certs = [
      'digicert-global-root-g2',
      'baltimore-cybertrust-root',
      'microsoft-azure-rsa-tls-issuing-ca-03-xsign',
    ]
      .map((n) => summarizeCertificate(der(n), AT))
      .filter(isReadable);
    const timeline = buildTimeline({
      groups: [
        { name: 'served by the hub', certificates: certs.slice(2) },
        { name: 'device bundle', certificates: [...certs.slice(0, 2), certs[0] as never] },
      ],
      at: AT,
      horizon: new Date('2030-01-01T00:00:00Z'),
    });
    expect(timeline.rows.map((r) => [r.label, r.state])).toEqual([
      ['Microsoft Azure RSA TLS Issuing CA 03', 'ends-before-horizon'],
      ['DigiCert Global Root G2', 'through-horizon'],
      ['Baltimore CyberTrust Root', 'expired'],
    ]);
    const svg = renderTimelineSvg(timeline);
    expect(svg).toContain('today 2026-06-01');
    expect(svg).toContain('horizon 2030-01-01');
    expect(svg.match(/class="bar"/g)).toHaveLength(3);
    expect(balanced(svg)).toBe(true);
  });

  it('the HTML report is one self-contained document with print CSS', () => {
    const sent = [der('microsoft-azure-rsa-tls-issuing-ca-03-xsign')];
    const result = verifyChain({
      leaf: sent[0] as Uint8Array,
      roots: [der('baltimore-cybertrust-root')],
      time: AT,
      ...options,
    });
    const summary = summarizeChain({ sent, result, at: AT });
    const html = renderReportHtml({
      title: 'test <report>',
      generator: 'hubtrust test',
      generatedAt: AT,
      sections: [
        chainSection('chain', summary, 'against Baltimore'),
        timelineSection('timeline', buildTimeline({ groups: [], at: AT, horizon: AT })),
      ],
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>test &lt;report&gt;</title>');
    expect(html).toContain('@media print');
    expect(html).toContain('✗ Not trusted: UNKNOWN_ISSUER');
    // Nothing is fetched: no external scripts, stylesheets, images or CSS imports.
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)=/i);
  });
});

describe('yearsAfter', () => {
  it('keeps the calendar date and time', async () => {
    const { yearsAfter } = await import('./index.js');
    expect(yearsAfter(new Date('2026-06-01T00:00:00Z'), 5).toISOString()).toBe('2031-06-01T00:00:00.000Z');
  });
});

describe('readiness section', () => {
  it('draws a band per endpoint and names the first failure and the change (the 2017 Baltimore-only bundle)', async () => {
    const { analyzeReadiness, getCertificates, writePem } = await import('@hubtrust/roots');
    const roots = getCertificates(['baltimore-cybertrust-root']).map((c) => ({ der: c.der, slug: c.slug }));
    const report = analyzeReadiness({
      bundle: { text: writePem(roots).text, file: 'certs <2017>.pem' },
      families: ['azure-iot-hub', 'azure-dps-global'],
      device: 'mbedtls-2.28',
      from: new Date('2017-01-21T00:00:00Z'),
      to: new Date('2032-01-21T00:00:00Z'),
    });
    const svg = renderReadinessSvg(report);
    expect(balanced(svg)).toBe(true);
    // One band per interval, coloured by its status, each with its tooltip.
    const rects = [...svg.matchAll(/<rect [^>]*fill="([^"]+)"><title>([^<]+)<\/title>/g)];
    expect(rects).toHaveLength(report.endpoints.reduce((n, e) => n + e.timeline.length, 0));
    expect(rects.some(([, fill, title]) => fill === '#cf222e' && title?.startsWith('2023-02-15'))).toBe(true);
    expect(rects.some(([, fill]) => fill === '#1a7f37')).toBe(true);
    // Today is marked only inside the range (the report says which line it is).
    expect(svg).not.toContain('>today ');
    const marked = renderReadinessSvg(report, { today: new Date('2024-06-01T12:00:00Z') });
    expect(balanced(marked)).toBe(true);
    const line = marked.match(
      /<line x1="([\d.]+)"[^>]*stroke="#0969da"[^>]*><title>today 2024-06-01<\/title>/,
    );
    expect(Number(line?.[1])).toBeGreaterThan(190 + 620 * (7 / 15)); // 2024 is past the middle of 2017-2032
    expect(renderReadinessSvg(report, { today: new Date('2040-01-01T00:00:00Z') })).not.toContain('>today ');
    expect(
      readinessSection(report, undefined, { today: new Date('2024-06-01T00:00:00Z') }).subtitle,
    ).toContain('the blue line is today');
    const section = readinessSection(report);
    expect(section.subtitle).not.toContain('today');
    expect(section.heading).toBe('Readiness of certs <2017>.pem as mbedtls-2.28');
    expect(section.html).toContain('fails from 2023-02-15');
    expect(section.html).toContain('add <strong>digicert-global-root-g2</strong>');
    const html = renderReportHtml({ title: 't', generator: 'g', generatedAt: AT, sections: [section] });
    expect(html).toContain('certs &lt;2017&gt;.pem');
    expect(html).not.toMatch(/<script|(src|href)=/i);
  });
});
