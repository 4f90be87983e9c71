/**
 * A loopback HTTP server that answers with recorded backend responses and logs every request
 * (method, URL, headers, body), so provider tests run against a real socket: timeouts, refused
 * connections and bodies are the real thing, not a mocked fetch.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status?: number;
  /** Object -> JSON; string -> sent as is. */
  body?: unknown;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export interface RecordedServer {
  url: string;
  requests: RecordedRequest[];
  /** What the next requests get (the handler sees the request). */
  answer: (req: RecordedRequest) => Answer;
  close: () => Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startRecordedServer(
  answer: (req: RecordedRequest) => Answer = () => ({ status: 404, body: 'no answer recorded' }),
): Promise<RecordedServer> {
  const state: RecordedServer = { url: '', requests: [], answer, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://x'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      state.requests.push(rec);
      const a = state.answer(rec);
      if (a.hang) return;
      const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? {});
      res.writeHead(a.status ?? 200, { 'Content-Type': typeof a.body === 'string' ? 'text/plain' : 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
