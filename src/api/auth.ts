// Who is asking. The accounts plugin (session cookie or `Authorization: Bearer <token>`) sets
// `request.user`; every per-user route starts with `requireUser(request)`.
import type { FastifyRequest } from "fastify";
import { UnauthorizedError } from "../errors.js";

export interface AuthUser {
  id: number;
  email: string;
  timezone: string;
  /** how the request authenticated */
  via: "session" | "token";
}

declare module "fastify" {
  interface FastifyRequest {
    user?: AuthUser;
  }
}

export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new UnauthorizedError();
  return request.user;
}
