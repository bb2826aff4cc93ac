// Errors a user can cause. Services throw them; every transport turns them into its own shape
// (HTTP status + `{ error: { code, message, details } }`, an MCP tool error, a CLI line).
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** sent as `Retry-After` (seconds) by the HTTP transport */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, "bad_request", message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Log in first: this needs a session cookie or an `Authorization: Bearer <token>` header.") {
    super(401, "unauthorized", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(403, "forbidden", message);
  }
}

/** Also what a user gets for another user's rows: they must not learn that the row exists. */
export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, "not_found", message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, "conflict", message, details);
  }
}

export class UnavailableError extends AppError {
  constructor(message: string, retryAfterSeconds?: number) {
    super(503, "unavailable", message, undefined, retryAfterSeconds);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, "too_many_requests", message, undefined, retryAfterSeconds);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
