// Test helper: wraps a serialport binding so the test can reach the ports it opened, and records
// every set() (DTR/RTS) with a timestamp. ptys reject the modem-line ioctls, so reset strategies
// are tested against this instead.
import type { Binding, BindingPort, SetOptions } from '../serial-types.js';

/** One recorded set() call. */
export interface SignalChange {
  readonly at: number;
  readonly set: SetOptions;
}

/** A binding plus what it saw. */
export interface CaptureBinding {
  readonly binding: Binding;
  /** Ports opened, in order. */
  readonly opened: BindingPort[];
  /** Every set() call on any of its ports. */
  readonly signals: SignalChange[];
}

/** Wraps `inner` (for example `SerialPortMock.binding`). */
export function captureBinding(inner: Binding): CaptureBinding {
  const opened: BindingPort[] = [];
  const signals: SignalChange[] = [];
  const binding: Binding = {
    list: () => inner.list(),
    open: async (options) => {
      const port = await inner.open(options);
      opened.push(port);
      const set = port.set.bind(port);
      port.set = async (s: SetOptions) => {
        signals.push({ at: performance.now(), set: { ...s } });
        return set(s);
      };
      return port;
    },
  };
  return { binding, opened, signals };
}
