// The whole public surface of @hubtrust/roots. Biome keeps the export statements sorted by module;
// each one says which part of the package it belongs to.

// catalog (issue 10): the generated records and the documents they cite
export { DOCUMENTS as CATALOG_DOCUMENTS, RECORDS as CATALOG_RECORDS } from './catalog.generated.js';
// catalog (issue 10): the verified certificate catalog and its lookups
export {
  byCloud,
  bySha1,
  bySha256,
  bySpkiSha256,
  bySubject,
  CatalogCertificate,
  catalog,
  findCertificate,
  getCertificate,
  getCertificates,
} from './catalog.js';
// catalog (issue 10): the integrity check run by every build and test
export { type CatalogProblem, checkCatalog } from './catalog-check.js';
// catalog and profiles (issue 10): typed lookup errors
export { CatalogError, type CatalogErrorCode } from './catalog-errors.js';
// catalog (issue 10): record types
export type {
  CatalogKey,
  CatalogRecord,
  CatalogSource,
  CatalogUse,
  CatalogVerification,
  CertificateKind,
} from './catalog-types.js';
// the cause vocabulary shared by hub-sim, logs, hil and the reports
export { HANDSHAKE_CAUSE_TEXT, HANDSHAKE_CAUSES, type HandshakeCause, isHandshakeCause } from './causes.js';
// catalog (issue 10): snapshot date and the 180-day freshness warning
export {
  CATALOG_MAX_AGE_DAYS,
  CATALOG_SNAPSHOT_DATE,
  type CatalogFreshness,
  catalogFreshness,
} from './freshness.js';
// cloud profiles (issue 10): data types
export type {
  ChainLink,
  EndpointFamily,
  EndpointRole,
  Evidence,
  LeafSpec,
  ModelledCertificate,
  ProfileCloud,
  ProfilePeriod,
  ProfileSource,
  ServedChain,
} from './profile-types.js';
// cloud profiles (issue 10): endpoint families, chains over time, host mapping, change points
export {
  chainAnchors,
  chainsAt,
  cloudProfiles,
  endpointFamiliesForHost,
  findEndpointFamily,
  findModelledCertificate,
  getEndpointFamily,
  hostMatches,
  modelledCertificates,
  type ProfileCertificate,
  periodAt,
  profileCertificate,
  profileCertificateValidity,
  profileChangePoints,
  profileSources,
} from './profiles.js';
// recommended root sets by slug, with sources (issue 10, used by issue 14)
export {
  RECOMMENDED_SETS,
  type RecommendedSet,
  type RecommendedSetId,
  recommendedRoots,
} from './recommended.js';
