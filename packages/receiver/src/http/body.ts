import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The request's body as text, or null when it is longer than `limit` bytes.
 * Under @hono/node-server it is read straight from the socket's message: a
 * beacon then costs no Web Request object, the most expensive part of
 * receiving one. Elsewhere (tests, other runtimes) through the Request.
 */
export async function readBody(c: Context, limit: number): Promise<string | null> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > limit) return null;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== 'function') {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return bytes.byteLength > limit ? null : new TextDecoder().decode(bytes);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        incoming.removeAllListeners('data');
        incoming.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    incoming.once('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    incoming.once('error', reject);
  });
}
