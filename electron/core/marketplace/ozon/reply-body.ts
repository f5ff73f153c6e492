const MIB = 1024 * 1024;

/** The largest JSON reply read: a 1000-product info page is a few MiB; past this it is not Ozon. */
export const JSON_REPLY_CAP_BYTES = 32 * MIB;
/** The largest label reply read: a PDF for a batch of 20 postings is well under 1 MiB. */
export const LABEL_REPLY_CAP_BYTES = 16 * MIB;

export class ReplyTooLargeError extends Error {
  constructor(readonly capBytes: number) {
    super(`a reply larger than ${capBytes / MIB} MiB`);
    this.name = 'ReplyTooLargeError';
  }
}

/**
 * A reply's body, read as it streams in and abandoned (the connection closed) as soon as it
 * passes `capBytes`, so an endless or huge body costs at most the cap in memory. A declared
 * Content-Length over the cap is refused before reading anything.
 */
export async function readCappedBody(response: Response, capBytes: number): Promise<Uint8Array> {
  const body = response.body;
  if (!body) return new Uint8Array();
  if (Number(response.headers.get('content-length') ?? 0) > capBytes) {
    await body.cancel();
    throw new ReplyTooLargeError(capBytes);
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > capBytes) {
      await reader.cancel();
      throw new ReplyTooLargeError(capBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
