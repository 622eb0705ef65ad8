// HTTPS as IoT Hub's device REST API, minimally: `POST /devices/{id}/messages/events?api-version=`
// with a SAS token in `Authorization` (204, or 401 with IoT Hub's error code), and
// `GET /` describing the connection (200, JSON). Anything else is 404.
import http from 'node:http';
import type tls from 'node:tls';
import type { Cloud } from './leaves.js';
import type { HubLimits } from './limits.js';
import type { ConnectionRecord, RecordStore } from './records.js';
import { verifySasToken } from './sas.js';

/** Requests kept per record. */
const MAX_REQUESTS_RECORDED = 16;

/** The HTTPS side of a hub. */
export interface HttpsHandler {
  handle(socket: tls.TLSSocket, record: ConnectionRecord): void;
  close(): Promise<void>;
}

/**
 * Creates the HTTP server of a hub (never listening: TLS connections are handed to it).
 * @example
 * ```ts
 * const https = createHttpsHandler({ ... });
 * https.handle(tlsSocket, record);
 * ```
 */
export function createHttpsHandler(options: {
  readonly cloud: Cloud;
  readonly hostname: string;
  readonly scenario: string;
  readonly devices: ReadonlyMap<string, string>;
  readonly limits: HubLimits;
  readonly store: RecordStore;
}): HttpsHandler {
  const records = new WeakMap<object, ConnectionRecord>();
  const server = http.createServer(
    { maxHeaderSize: 16 * 1024, requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 },
    (req, res) => {
      const record = records.get(req.socket);
      let received = 0;
      let status = 0;
      const reply = (code: number, body: object | null) => {
        status = code;
        const text = body ? JSON.stringify(body) : '';
        res.writeHead(code, body ? { 'content-type': 'application/json' } : {});
        res.end(text);
        if (record) {
          record.http ??= { requests: [] };
          if (record.http.requests.length < MAX_REQUESTS_RECORDED) {
            record.http.requests.push({
              method: req.method ?? '',
              path: (req.url ?? '').split('?')[0] ?? '',
              status,
            });
          }
          options.store.changed(record);
        }
      };
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (record) record.applicationBytesIn += chunk.length;
        if (received > options.limits.maxHttpBodyBytes && !status) {
          reply(413, { Message: 'request body too large' });
          req.socket.destroy();
        }
      });
      req.on('end', () => {
        if (status) return;
        const url = new URL(req.url ?? '/', `https://${options.hostname}`);
        const events = /^\/devices\/([^/]+)\/messages\/events$/.exec(url.pathname);
        if (req.method === 'GET' && url.pathname === '/') {
          const socket = req.socket as tls.TLSSocket;
          reply(200, {
            hub: options.hostname,
            scenario: options.scenario,
            protocol: socket.getProtocol?.() ?? null,
            cipher: socket.getCipher?.()?.standardName ?? null,
          });
        } else if (req.method === 'POST' && events && options.cloud === 'azure') {
          const deviceId = decodeURIComponent(events[1] as string);
          const key = options.devices.get(deviceId);
          const verdict = key
            ? verifySasToken(req.headers.authorization ?? '', {
                resourceUri: `${options.hostname}/devices/${deviceId}`,
                key,
              })
            : ({ ok: false, reason: 'unknown device' } as const);
          if (verdict.ok) reply(204, null);
          else
            reply(401, {
              Message: `ErrorCode:IotHubUnauthorizedAccess;${verdict.reason}`,
              ExceptionMessage: '',
            });
        } else {
          reply(404, { Message: 'not found' });
        }
      });
    },
  );
  server.on('clientError', (_error, socket) => socket.destroy());
  return {
    handle(socket, record) {
      records.set(socket, record);
      server.emit('connection', socket);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
