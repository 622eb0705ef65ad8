// The main job's "when will this firmware stop connecting?": readiness over time (@hubtrust/roots'
// analyzeReadiness, issue 14) of the demo's two bundles — the real roots, not hub-sim's twins —
// for each cloud's main device endpoint, as the demo's device profile. A bundle with a release
// date (the 2017 certs.c) is followed from that day, the others from --at; both to --horizon.
import type { Cloud } from '@hubtrust/hub-sim';
import { type ReportSection, readinessSection } from '@hubtrust/report';
import { analyzeReadiness, getCertificates, type ReadinessReport, writePem } from '@hubtrust/roots';
import type { Styles } from '../io.js';
import { DEVICE_BUNDLES } from './bundles.js';
import { DEMO_PROFILE } from './prediction.js';

/** The endpoint family readiness follows for each cloud of the demo. */
const FAMILY: Readonly<Partial<Record<Cloud, string>>> = {
  azure: 'azure-iot-hub',
  aws: 'aws-iot-core-ats-rsa',
};

/** One bundle's readiness for one cloud. */
export interface DemoReadiness {
  cloud: Cloud;
  /** DEVICE_BUNDLES id. */
  bundle: string;
  report: ReadinessReport;
}

/**
 * Readiness of every demo bundle for every cloud that has a family above. Synchronous; call
 * `init()` of @hubtrust/verify first.
 */
export function demoReadiness(clouds: readonly Cloud[], at: Date, horizon: Date): DemoReadiness[] {
  const out: DemoReadiness[] = [];
  for (const cloud of clouds) {
    const family = FAMILY[cloud];
    if (!family) continue;
    for (const bundle of DEVICE_BUNDLES) {
      const slugs = bundle.slugs[cloud];
      if (!slugs?.length) continue;
      const from = bundle.releasedOn && bundle.releasedOn < at ? bundle.releasedOn : at;
      if (!(horizon > from)) continue;
      const pem = writePem(
        getCertificates([...slugs]).map((c) => ({ der: c.der, slug: c.slug, label: c.slug })),
        { now: at },
      );
      const report = analyzeReadiness({
        bundle: { text: pem.text, file: bundle.title },
        families: [family],
        device: DEMO_PROFILE,
        from,
        to: horizon,
      });
      out.push({ cloud, bundle: bundle.id, report });
    }
  }
  return out;
}

const day = (iso: string) => iso.slice(0, 10);

/** The section of the terminal output: one line per cloud × bundle. */
export function readinessText(list: readonly DemoReadiness[], s: Styles): string[] {
  if (list.length === 0) return [];
  const out = [
    s.bold(`\nWhen will this firmware stop connecting? Readiness as ${DEMO_PROFILE} (@hubtrust/roots)`),
  ];
  let cloud: Cloud | undefined;
  for (const { cloud: c, bundle, report } of list) {
    const [endpoint] = report.endpoints;
    if (!endpoint) continue;
    if (c !== cloud) {
      cloud = c;
      out.push(`  ${endpoint.name}`);
    }
    const title = DEVICE_BUNDLES.find((b) => b.id === bundle)?.title ?? bundle;
    const since = `since ${day(report.range.from)}`;
    const fail = endpoint.timeline.find((i) => i.status === 'fails');
    const why = fail?.failures[0];
    const rec = report.recommendation;
    const change = [
      ...rec.add.map((a) => `add ${a.slug}`),
      ...rec.remove.map((r) => `remove ${r.slug ?? r.subject} (${r.reason})`),
    ];
    const cDer = rec.sizes.find((x) => x.format === 'c-der');
    const bytes = cDer ? ` — C DER arrays ${cDer.before} → ${cDer.after} bytes` : '';
    out.push(
      fail && why
        ? `    ${s.red('✗')} ${title} (${since}): stops on ${s.bold(day(fail.from))}: ${why.code} — ${why.reason}${change.length ? `\n      fix: ${change.join('; ')}${bytes}` : ''}`
        : `    ${s.green('✓')} ${title} (${since}): verifies until ${day(report.range.to)}`,
    );
  }
  out.push(
    s.dim(
      '  `hubtrust bundle check <certs.c>` gives the whole timeline of any bundle; the HTML report draws it.',
    ),
  );
  return out;
}

/** The readiness sections of the HTML report, `today` marked on each band. */
export function readinessHtmlSections(list: readonly DemoReadiness[], today?: Date): ReportSection[] {
  return list.map(({ bundle, report }) =>
    readinessSection(
      report,
      `Readiness: ${DEVICE_BUNDLES.find((b) => b.id === bundle)?.title ?? bundle} on ${report.endpoints[0]?.name ?? ''}`,
      today ? { today } : {},
    ),
  );
}

/** The readiness part of `demo --json`: the first failure of each cloud × bundle and the roots to add. */
export function readinessJson(list: readonly DemoReadiness[]) {
  return list.map(({ cloud, bundle, report }) => {
    const endpoint = report.endpoints[0];
    const fail = endpoint?.timeline.find((i) => i.status === 'fails');
    return {
      cloud,
      bundle,
      family: endpoint?.family ?? '',
      from: report.range.from,
      to: report.range.to,
      firstFailure: fail ? fail.from : null,
      ...(fail?.failures[0] ? { code: fail.failures[0].code, reason: fail.failures[0].reason } : {}),
      add: report.recommendation.add.map((a) => a.slug),
    };
  });
}
