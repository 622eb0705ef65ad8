// HTTPS as the hubs' device REST APIs, minimally:
// - Azure: `POST /devices/{id}/messages/events?api-version=` (device-to-cloud) and
//   `GET /devices/{id}/messages/deviceBound?api-version=` (cloud-to-device: 204 when nothing is
//   pending), both with a SAS token in `Authorization` (401 with IoT Hub's error code otherwise);
// - AWS: `GET /things/{name}/shadow` (404 "No shadow exists", as AWS IoT answers a thing without
//   one; device authentication is by client certificate, not modelled here);
// - `GET /` describing the connection (200, JSON). Anything else is 404.
// In the record-size scenarios the cloud-to-device body and the shadow document are the large
// message, sent as one write so the TLS stack fills 16,384-byte records.
import http from 'node:http';
import type tls from 'node:tls';
import type { CloudApi } from './clouds.js';
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
  readonly api: CloudApi;
  readonly hostname: string;
  readonly scenario: string;
  readonly devices: ReadonlyMap<string, string>;
  readonly limits: HubLimits;
  readonly store: RecordStore;
  /** Body of the device-bound message / shadow document (record-size scenarios); null: none. */
  readonly largeMessage: Buffer | null;
}): HttpsHandler {
  const records = new WeakMap<object, ConnectionRecord>();
  const server = http.createServer(
    { maxHeaderSize: 16 * 1024, requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 },
    (req, res) => {
      const record = records.get(req.socket);
      let received = 0;
      let status = 0;
      const reply = (code: number, body: object | Buffer | null) => {
        status = code;
        const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body ? JSON.stringify(body) : '');
        // No Content-Length on a 204 (RFC 9110 §8.6).
        res.writeHead(
          code,
          body ? { 'content-type': 'application/json', 'content-length': bytes.length } : {},
        );
        res.end(bytes);
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
        const events = /^\/devices\/([^/]+)\/messages\/(events|deviceBound)$/.exec(url.pathname);
        const shadow = /^\/things\/([^/]+)\/shadow$/.exec(url.pathname);
        const deviceBound = events?.[2] === 'deviceBound';
        if (req.method === 'GET' && url.pathname === '/') {
          const socket = req.socket as tls.TLSSocket;
          reply(200, {
            hub: options.hostname,
            scenario: options.scenario,
            protocol: socket.getProtocol?.() ?? null,
            cipher: socket.getCipher?.()?.standardName ?? null,
          });
        } else if (req.method === 'GET' && shadow && options.api === 'aws') {
          if (options.largeMessage) reply(200, options.largeMessage);
          else
            reply(404, {
              code: 404,
              message: `No shadow exists with name: '${decodeURIComponent(shadow[1] as string)}'`,
            });
        } else if (req.method === (deviceBound ? 'GET' : 'POST') && events && options.api === 'azure') {
          const deviceId = decodeURIComponent(events[1] as string);
          const key = options.devices.get(deviceId);
          const verdict = key
            ? verifySasToken(req.headers.authorization ?? '', {
                resourceUri: `${options.hostname}/devices/${deviceId}`,
                key,
              })
            : ({ ok: false, reason: 'unknown device' } as const);
          if (!verdict.ok) {
            reply(401, {
              Message: `ErrorCode:IotHubUnauthorizedAccess;${verdict.reason}`,
              ExceptionMessage: '',
            });
          } else if (deviceBound && options.largeMessage) {
            reply(200, options.largeMessage);
          } else {
            reply(204, null);
          }
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
