// Resolves an inventory `serial` entry to a device path. Paths are taken as they are (prefer the
// stable /dev/serial/by-id/… names on Linux); a USB serial number and/or VID:PID is looked up in
// SerialPort.list() (udev on Linux), which survives re-enumeration to another ttyUSBn/ttyACMn.

import { RigFaultError } from './errors.js';
import type { SerialSpec } from './inventory/types.js';
import type { PortInfo } from './serial-types.js';

/** Something that lists ports (`SerialPort.list`, or a binding's `list`). */
export type PortLister = () => Promise<PortInfo[]>;

const hex = (s: string | undefined) => s?.toLowerCase().padStart(4, '0');

/**
 * The device path for a serial spec.
 * @throws RigFaultError when no listed port matches, or several do (ambiguous VID:PID: add the serial number).
 */
export async function resolvePortPath(spec: SerialSpec, list: PortLister): Promise<string> {
  if (spec.path) return spec.path;
  const ports = await list();
  const matches = ports.filter(
    (p) =>
      (spec.serialNumber === undefined || p.serialNumber === spec.serialNumber) &&
      (spec.vendorId === undefined || hex(p.vendorId) === hex(spec.vendorId)) &&
      (spec.productId === undefined || hex(p.productId) === hex(spec.productId)),
  );
  const wanted = [
    spec.serialNumber ? `serial number ${spec.serialNumber}` : '',
    spec.vendorId ? `${spec.vendorId}:${spec.productId}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (matches.length === 0) {
    throw new RigFaultError(
      `no serial port with ${wanted} (${ports.length} ports listed); is the board plugged in?`,
    );
  }
  if (matches.length > 1) {
    throw new RigFaultError(
      `${matches.length} serial ports match ${wanted}: ${matches.map((m) => m.path).join(', ')}; add serialNumber`,
    );
  }
  return (matches[0] as PortInfo).path;
}
