// Certificates from what a user pastes or drops, through @hubtrust/report's reader (PEM or DER,
// the same as the CLI's). C sources, ESP-IDF bundles and firmware images join through
// @hubtrust/roots' readers when they land.
import { CertificateInputError, readCertificateInput } from '@hubtrust/report';
import { derToPem } from '@hubtrust/verify';

/** Input the page could not read. */
export { CertificateInputError as InputError };

/** The text to show for a dropped file: PEM as is, DER converted to PEM. @throws CertificateInputError */
export function droppedText(bytes: Uint8Array, name: string): string {
  const input = readCertificateInput(bytes, name);
  return input.format === 'PEM'
    ? new TextDecoder().decode(bytes)
    : input.certificates.map((d) => derToPem(d)).join('');
}

/** DER certificates of a text box; an empty box gives none. @throws CertificateInputError */
export function pemCertificates(text: string, name: string): Uint8Array[] {
  return text.trim() ? readCertificateInput(text, name).certificates : [];
}
