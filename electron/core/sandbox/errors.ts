/** gRPC status codes Ozon puts in `code` (§1.2 of the Ozon notes). */
export const GRPC = {
  invalidArgument: 3,
  notFound: 5,
  permissionDenied: 7,
  resourceExhausted: 8,
  failedPrecondition: 9,
  internal: 13,
  unavailable: 14,
} as const;

/** A refusal answered as Ozon's `{code, message, details: []}` body with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) => new ApiError(400, GRPC.invalidArgument, message);
export const notFound = (message: string) => new ApiError(404, GRPC.notFound, message);
