// The whole public surface of @hubtrust/report: browser-safe (no Node API), pure functions from
// results to JSON-ready summaries and to SVG/HTML strings, shared by the CLI and the web page.

// ---- inputs (src/certificate-input.ts) ----
export {
  type CertificateInput,
  CertificateInputError,
  looksLikePem,
  readCertificateInput,
} from './certificate-input.js';
// ---- summaries (src/certificate-summary.ts, src/chain-summary.ts) ----
export {
  type CertificateSummary,
  isoSeconds,
  isReadable,
  nameLabel,
  summarizeCertificate,
  type UnreadableCertificate,
  type ValidityStatus,
  validityStatus,
} from './certificate-summary.js';
export {
  type ChainSummary,
  type ChainSummaryInput,
  type ChainVerdict,
  type PathEntry,
  type PathRole,
  summarizeChain,
} from './chain-summary.js';
// ---- renderers ----
export { renderChainSvg } from './chain-svg.js';
export { ellipsize, escapeXml } from './escape.js';
// ---- readiness over time (@hubtrust/roots' report) ----
export { type ReadinessSvgOptions, readinessSection, renderReadinessSvg } from './readiness-html.js';
export {
  chainSection,
  type ReportDocument,
  type ReportSection,
  renderCertificateTableHtml,
  renderReportHtml,
  renderVerdictHtml,
  timelineSection,
} from './report-html.js';
export {
  buildTimeline,
  type Timeline,
  type TimelineGroup,
  type TimelineRow,
  type TimelineState,
  yearsAfter,
} from './timeline.js';
export { renderTimelineSvg } from './timeline-svg.js';
