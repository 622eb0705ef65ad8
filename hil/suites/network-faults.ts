// Network faults on the simulated rig: a proxy between the board and hub-sim drops, resets or
// stalls the connection mid-handshake (or refuses it). The board's log must be classified
// `network`, which the conformance matrix treats as a rig fault, never as a trust failure.

import {
  type BoardVerdict,
  connectCommand,
  defineSuite,
  type FaultMode,
  logsObserver,
  RESULT_LINE,
  startFaultProxy,
  TestFailedError,
} from '@hubtrust/hil';
import { startHub } from '@hubtrust/hub-sim';
import { matrixBundles } from './bundles.js';

const MODES: readonly FaultMode[] = ['drop', 'reset', 'stall', 'refuse'];

export default defineSuite({
  name: 'network-faults',
  cases: async () => {
    const [bundle] = await matrixBundles(['azure-rsa']);
    return MODES.map((mode) => ({
      id: `azure/${mode}`,
      ...(bundle ? { bundle: bundle.firmware } : {}),
      tags: ['sim'],
      run: async (board) => {
        const hub = await startHub({ scenario: 'current' });
        const proxy = await startFaultProxy({ host: hub.host, port: hub.port }, mode);
        try {
          const reader = logsObserver.watch(board.console);
          let verdict: BoardVerdict;
          try {
            // A 2 s read timeout so a stalled path ends quickly (mbedtls_ssl_conf_read_timeout).
            await board.console.write(
              connectCommand(hub, { timeoutMs: 2000 }, { host: proxy.host, port: proxy.port }),
            );
            await board.console.expect(RESULT_LINE, { timeout: 20_000 });
          } finally {
            verdict = reader.end();
            board.record('verdict', verdict);
          }
          if (verdict.cause !== 'network') {
            throw new TestFailedError(
              `a ${mode} fault was classified ${verdict.cause} (${verdict.detail}), not network`,
            );
          }
        } finally {
          await proxy.stop();
          await hub.stop();
        }
      },
    }));
  },
});
