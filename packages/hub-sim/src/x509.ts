// The one place @peculiar/x509 is imported: its dependency injection (tsyringe) needs the
// reflect-metadata polyfill loaded first, and ES modules evaluate imports in order.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

export { x509 };
