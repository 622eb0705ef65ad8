// Catalog roots that devices should not trust any more, with the reason (from the catalog's notes,
// data/catalog.json, and its sources). Readiness recommends removing them.

/** Distrusted roots by slug: why. */
export const DISTRUSTED_ROOTS: Readonly<Record<string, string>> = Object.freeze({
  'wosign-ca':
    'WoSign was distrusted by browsers and Mozilla in 2016–2017 (catalog notes); Azure China dropped it from the C SDK in 2018',
  'verisign-class3-g5':
    'Symantec/VeriSign roots are distrusted by browsers since 2018 and absent from the Node and Debian stores; AWS calls the legacy iot:Data endpoints that used it deprecated',
});
