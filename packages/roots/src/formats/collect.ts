// Bounded collection of errors and certificates for one read (limits.ts: MAX_ERRORS,
// MAX_CERTIFICATES).
import { type FilePosition, FormatError, type FormatErrorCode } from './errors.js';
import { MAX_CERTIFICATES, MAX_ERRORS } from './limits.js';

/** Collects the errors of one read, keeping at most MAX_ERRORS and counting the rest. */
export class ErrorList {
  readonly items: FormatError[] = [];
  private dropped = 0;

  constructor(readonly file: string) {}

  add(code: FormatErrorCode, position: FilePosition, text: string, detail?: string): void {
    if (this.items.length < MAX_ERRORS)
      this.items.push(new FormatError(code, this.file, position, text, detail));
    else this.dropped++;
  }

  push(e: FormatError): void {
    if (this.items.length < MAX_ERRORS) this.items.push(e);
    else this.dropped++;
  }

  /** The errors, with one `LIMIT_EXCEEDED` at the end when some were dropped. */
  done(): FormatError[] {
    if (this.dropped > 0) {
      this.items.push(
        new FormatError(
          'LIMIT_EXCEEDED',
          this.file,
          {},
          `${this.dropped} more errors not listed (limit ${MAX_ERRORS})`,
        ),
      );
      this.dropped = 0;
    }
    return this.items;
  }
}

/** True when one more certificate may be added; records the limit error once otherwise. */
export function roomForCertificate(count: number, errors: ErrorList, position: FilePosition): boolean {
  if (count < MAX_CERTIFICATES) return true;
  if (count === MAX_CERTIFICATES)
    errors.add('LIMIT_EXCEEDED', position, `more than ${MAX_CERTIFICATES} certificates`);
  return false;
}
