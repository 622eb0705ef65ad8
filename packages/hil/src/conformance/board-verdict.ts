// Observer 1, the board's verdict: what the device's serial log says happened, read by
// @hubtrust/logs — the same classifier a user runs on a support ticket's log (`hubtrust logs
// explain`), so the matrix also checks that classifier against a real mbedTLS.
//
// It reads the console lines of one attempt as they arrive (the streaming LogClassifier), from the
// `connect` command to the end of the attempt, and never the probe firmware's own summary line
// (`hubtrust: result …`, RESULT_LINE): that line only tells the runner the attempt is over. The
// verdict rests on what the TLS stack printed, as it would on a device in the field.
import { type Explanation, explainLog, LogClassifier } from '@hubtrust/logs';
import type { HandshakeCause } from '@hubtrust/roots';
import type { SerialConsole } from '../console/serial-console.js';
import { RESULT_LINE } from './device-commands.js';

/** What a log says. */
export interface BoardVerdict {
  readonly cause: HandshakeCause;
  /** What exactly failed, in the classifier's words (`MBEDTLS_X509_BADCERT_EXPIRED`, `record_too_large`, …). */
  readonly detail: string;
  /** How sure the classifier is. */
  readonly confidence: Explanation['confidence'];
  /** The stack that printed the decisive line. */
  readonly stack: Explanation['stack'];
  /** The log lines the verdict rests on (`<line>: <text>`, numbered within the attempt). */
  readonly evidence: readonly string[];
}

/** Reads one attempt's log as it arrives. */
export interface BoardLogReader {
  /** Stops reading and returns the verdict. */
  end(): BoardVerdict;
}

/** Observer 1 of the conformance matrix. */
export interface BoardVerdictObserver {
  readonly name: string;
  /** Starts reading the console's lines from now on. */
  watch(console: SerialConsole): BoardLogReader;
}

/** The verdict of an explanation. */
export function verdictOf(e: Explanation): BoardVerdict {
  return {
    cause: e.cause,
    detail: e.detail,
    confidence: e.confidence,
    stack: e.stack,
    evidence: e.evidence.map((ev) => `${ev.line}: ${ev.text}`),
  };
}

/**
 * The verdict of a whole log text (a recorded attempt), without the probe firmware's summary line.
 * @example
 * ```ts
 * boardVerdict(readFileSync('firmware-fixtures/native-board/logs/expired-leaf.log', 'utf8')).cause; // 'expired'
 * ```
 */
export function boardVerdict(logText: string): BoardVerdict {
  return verdictOf(
    explainLog(
      logText
        .split('\n')
        .filter((line) => !RESULT_LINE.test(line))
        .join('\n'),
    ),
  );
}

/** The board's serial log through @hubtrust/logs' streaming classifier. */
export const logsObserver: BoardVerdictObserver = {
  name: '@hubtrust/logs',
  watch(console) {
    const classifier = new LogClassifier();
    const stop = console.onLine((line) => {
      if (!RESULT_LINE.test(line.text)) classifier.push(`${line.text}\n`);
    });
    return {
      end() {
        stop();
        return verdictOf(classifier.end());
      },
    };
  },
};
