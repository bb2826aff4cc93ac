// Response types by path, from the generated OpenAPI types (npm run gen:api): `ApiOk<"/api/attempts", "get">`
// is what GET /api/attempts answers with 200, exactly as the route's response schema declares it.
import type { paths } from "./api-types.generated";

type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : never;

export type ApiOk<
  P extends keyof paths,
  M extends "get" | "post" | "put" | "patch" | "delete",
  S extends number | "4XX" | "5XX" = 200,
> = paths[P][M] extends { responses: infer R } ? (S extends keyof R ? JsonOf<R[S]> : never) : never;

/** The error body every route answers a 4xx/5xx with. */
export type ApiError = ApiOk<"/api/attempts", "get", "4XX">;
