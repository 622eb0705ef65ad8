// Test/bench helper process: floods a serial port (the device side of a pty pair) with numbered
// lines at a paced rate, with garbage bytes and ANSI colours between them, like a chatty
// firmware. Usage: node flood-writer.mjs <path> <bytesPerSecond> <seconds>
import { SerialPort } from 'serialport';

const [path, rateText, secondsText] = process.argv.slice(2);
const rate = Number(rateText);
const seconds = Number(secondsText);
const port = new SerialPort({ path, baudRate: 115200 });
await new Promise((resolve, reject) => port.once('open', resolve).once('error', reject));
const payload = 'x'.repeat(80);
const tickMs = 10;
const perTick = Math.round((rate * tickMs) / 1000);
let seq = 0;
let sent = 0;
const started = Date.now();
while (Date.now() - started < seconds * 1000) {
  const chunks = [];
  let size = 0;
  while (size < perTick) {
    // Every 50th line is preceded by garbage (NUL, 0xFF, a bare ESC) and coloured.
    const noise = seq % 50 === 0 ? '\u0000\u00ff\u001b[0;32m' : '';
    const line = Buffer.from(`${noise}flood ${seq} ${payload}\u001b[0m\r\n`, 'latin1');
    chunks.push(line);
    size += line.length;
    seq += 1;
  }
  const buf = Buffer.concat(chunks);
  sent += buf.length;
  if (!port.write(buf)) await new Promise((resolve) => port.once('drain', resolve));
  const due = started + (sent / rate) * 1000;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
}
await new Promise((resolve) => port.drain(resolve));
process.stdout.write(`${JSON.stringify({ lines: seq, bytes: sent, ms: Date.now() - started })}\n`);
await new Promise((resolve) => setTimeout(resolve, 200));
port.close();
