// A minimal HTTP/1.1 keep-alive client on raw sockets: requests are pre-built buffers, one in
// flight per connection, answers framed by Content-Length. It costs far less CPU per request than
// node:http or fetch, as autocannon does, so singles are sent as fast as this machine can and a
// batch/singles ratio is not flattered by a slow client. Unlike autocannon it can send each of a
// list of requests exactly once, and keeps every answer so that they can be compared.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly body: Buffer;
  /** The server said `Connection: close`: no further request may go on this connection. */
  readonly close: boolean;
}

export function httpRequest(port: number, method: 'GET' | 'POST', path: string, body?: string, contentType = 'application/json'): Buffer {
  const host = `Host: 127.0.0.1:${port}\r\n`;
  if (body === undefined) return Buffer.from(`${method} ${path} HTTP/1.1\r\n${host}\r\n`, 'latin1');
  const payload = Buffer.from(body, 'utf8');
  const head = Buffer.from(`${method} ${path} HTTP/1.1\r\n${host}Content-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`, 'latin1');
  return Buffer.concat([head, payload]);
}

const HEAD_END = Buffer.from('\r\n\r\n');
const REQUEST_TIMEOUT_MS = 30_000;

export class KeepAliveConnection {
  private pending: Buffer = Buffer.alloc(0);
  private head: { status: number; length: number; close: boolean } | null = null;
  private bodyChunks: Buffer[] = [];
  private bodyBytes = 0;
  private waiter: { resolve: (r: RawResponse) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private failure: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection closed by the server')));
  }

  static open(port: number): Promise<KeepAliveConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new KeepAliveConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** False once the connection failed or the server answered `Connection: close`. */
  get reusable(): boolean {
    return this.failure === null && !this.closing;
  }

  private closing = false;

  request(raw: Buffer): Promise<RawResponse> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('the server closed this connection (Connection: close)'));
    if (this.waiter) return Promise.reject(new Error('one request at a time on a connection'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
      this.waiter = { resolve, reject, timer };
      this.socket.write(raw);
    });
  }

  close(): void {
    this.failure ??= new Error('connection closed by the client');
    this.socket.destroy();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.socket.destroy();
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }

  private onData(chunk: Buffer): void {
    if (!this.head) {
      this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
      const end = this.pending.indexOf(HEAD_END);
      if (end < 0) return;
      const lines = this.pending.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1] ?? NaN);
      let length: number | null = null;
      let close = false;
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        if (name === 'content-length') length = Number(line.slice(colon + 1).trim());
        if (name === 'connection' && line.slice(colon + 1).trim().toLowerCase() === 'close') close = true;
        if (name === 'transfer-encoding') return this.fail(new Error('chunked responses are not handled by this client'));
      }
      if (!Number.isFinite(status)) return this.fail(new Error(`not an HTTP/1.1 status line: ${lines[0]}`));
      if (length === null) {
        if (status === 304 || status === 204) length = 0;
        else return this.fail(new Error(`status ${status} without Content-Length`));
      }
      this.head = { status, length, close };
      const rest = this.pending.subarray(end + HEAD_END.length);
      this.pending = Buffer.alloc(0);
      this.bodyChunks = rest.length ? [rest] : [];
      this.bodyBytes = rest.length;
    } else {
      this.bodyChunks.push(chunk);
      this.bodyBytes += chunk.length;
    }
    if (this.bodyBytes < this.head.length) return;
    if (this.bodyBytes > this.head.length) return this.fail(new Error('more bytes than Content-Length (pipelining is 1)'));
    const body = this.bodyChunks.length === 1 ? (this.bodyChunks[0] as Buffer) : Buffer.concat(this.bodyChunks, this.bodyBytes);
    const { status, close } = this.head;
    this.head = null;
    if (close) this.closing = true;
    this.bodyChunks = [];
    this.bodyBytes = 0;
    const waiter = this.waiter;
    this.waiter = null;
    if (!waiter) return this.fail(new Error('an answer nobody asked for'));
    clearTimeout(waiter.timer);
    waiter.resolve({ status, body, close });
  }
}

/** `size` connections to `port`, opened before any clock starts. */
export async function openPool(port: number, size: number): Promise<KeepAliveConnection[]> {
  return Promise.all(Array.from({ length: size }, () => KeepAliveConnection.open(port)));
}
