// The whole public surface of @hubtrust/hub-sim.
export { createSasToken, type SasRejection, type SasTokenOptions, verifySasToken } from './sas.js';
