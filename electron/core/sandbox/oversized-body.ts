import type { ServerResponse } from 'node:http';

/** Size of the `oversized_body` fault's reply unless a rule says otherwise: past any cap. */
export const OVERSIZED_BODY_BYTES = 100 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
/** The one endpoint that answers with the PDF itself; the fault streams a "PDF" there. */
const PDF_PATH = '/v2/posting/fbs/package-label';

/**
 * A 200 reply of about `bytes` bytes with no Content-Length, written a chunk at a time as the
 * client takes it (backpressure), so the sandbox never holds it in memory, and dropped as soon
 * as the client hangs up. A JSON object with one huge string, or a PDF on the label endpoint.
 */
export async function streamOversizedBody(
  response: ServerResponse,
  path: string,
  bytes = OVERSIZED_BODY_BYTES,
): Promise<void> {
  const pdf = path === PDF_PATH;
  response.writeHead(200, { 'Content-Type': pdf ? 'application/pdf' : 'application/json' });
  response.write(pdf ? '%PDF-1.4\n%' : '{"result":"');
  const filler = Buffer.alloc(CHUNK_BYTES, 'x');
  for (let sent = 0; sent < bytes && !response.destroyed; sent += CHUNK_BYTES) {
    if (!response.write(filler.subarray(0, Math.min(CHUNK_BYTES, bytes - sent)))) {
      await drainedOrClosed(response);
    }
  }
  if (!response.destroyed) response.end(pdf ? '\n%%EOF\n' : '"}');
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
