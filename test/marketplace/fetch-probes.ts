import { LOOPBACK_HOSTNAMES } from '../../shared/domain/ozon-endpoint';

/**
 * Fetch wrappers that watch what the connector asks of the network. Tests never reach beyond
 * this machine: a foreign address is recorded and refused here, as an unreachable network is.
 */
export interface GuardedFetch {
  fetch: typeof fetch;
  /** Every URL asked for that is not on loopback (refused without a packet sent). */
  foreign: string[];
}

export function loopbackOnlyFetch(real: typeof fetch = globalThis.fetch): GuardedFetch {
  const foreign: string[] = [];
  const guarded = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (!(LOOPBACK_HOSTNAMES as readonly string[]).includes(url.hostname)) {
      foreign.push(url.href);
      throw new TypeError('fetch failed', { cause: { code: 'ENETUNREACH' } });
    }
    return real(input, init);
  }) as typeof fetch;
  return { fetch: guarded, foreign };
}

/** A fetch that counts the reply body bytes its caller actually pulled off the socket. */
export function countingFetch(counter: { bytes: number }): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (!response.body) return response;
    // A TransformStream passes chunks on only as they are read, and a cancel by the reader
    // travels back to the socket, so the count is what the connector consumed.
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          counter.bytes += chunk.byteLength;
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, headers: response.headers });
  }) as typeof fetch;
}
