// Types of the serialport 13 binding interface. @serialport/bindings-interface ships its
// declarations only for `require`, so they are reached through @serialport/stream, which does.
import type { OpenOptions } from '@serialport/stream';

/** A serialport binding (`@serialport/bindings-cpp`, the mock binding, or a custom one). */
export type Binding = OpenOptions['binding'];
/** An open port of a binding. */
export type BindingPort = Awaited<ReturnType<Binding['open']>>;
/** One entry of `SerialPort.list()`. */
export type PortInfo = Awaited<ReturnType<Binding['list']>>[number];
/** Options of `BindingPort.set` (DTR, RTS, BRK, ...). */
export type SetOptions = Parameters<BindingPort['set']>[0];
/** Options a binding's `open` takes. */
export type BindingOpenOptions = Parameters<Binding['open']>[0];
