// Response types by path, from the generated OpenAPI types (npm run gen:api): `ApiOk<"/api/attempts", "get">`
// is what GET /api/attempts answers with 200, exactly as the route's response schema declares it.
// `OkAt<"get", "/problems/two-sum/notes">` does the same for a concrete URL, as the dashboard writes it
// (with or without `/api`, `{slug}` filled in), so `api.get(path)` is typed by its path.
import type { paths } from "./api-types.generated";

type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : never;

export type Method = "get" | "post" | "put" | "patch" | "delete";

export type ApiOk<
  P extends keyof paths,
  M extends Method,
  S extends number | "4XX" | "5XX" = 200,
> = paths[P][M] extends {
  responses: infer R;
}
  ? S extends keyof R
    ? JsonOf<R[S]>
    : never
  : never;

/** The error body every route answers a 4xx/5xx with. */
export type ApiError = ApiOk<"/api/attempts", "get", "4XX">;

type Segments<S extends string> = S extends `${infer Head}/${infer Tail}` ? [Head, ...Segments<Tail>] : [S];
/** Segment by segment: `{param}` takes any one segment, anything else must be equal (so `/reviews/due` is not `/reviews/{slug}`). */
type SegmentsMatch<U extends string[], P extends string[]> = U extends [infer u, ...infer ur extends string[]]
  ? P extends [infer p, ...infer pr extends string[]]
    ? (p extends `{${string}}` ? true : u extends p ? true : false) extends true
      ? SegmentsMatch<ur, pr>
      : false
    : false
  : P extends []
    ? true
    : false;
type WithoutApi<P> = P extends `/api${infer Rest}` ? Rest : P;

/** The paths that answer `M`. */
type PathsWith<M extends Method> = {
  [P in keyof paths]: [paths[P][M]] extends [never] ? never : paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];

/** The first success status a path's method declares (200, 201, …). */
type SuccessOf<R> = 200 extends keyof R ? 200 : 201 extends keyof R ? 201 : 202 extends keyof R ? 202 : 204;

/** A response the route has not declared yet (`content?: never`) is `unknown`, not `never`. */
type BodyOf<R> = R extends { content: { "application/json": infer B } } ? B : unknown;

type OkOfPath<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? SuccessOf<R> extends 204
    ? undefined
    : SuccessOf<R> extends keyof R
      ? BodyOf<R[SuccessOf<R>]>
      : unknown
  : unknown;

type Templated<M extends Method, U extends string> = {
  [P in PathsWith<M>]: SegmentsMatch<Segments<WithoutApi<U>>, Segments<WithoutApi<P>>> extends true ? P : never;
}[PathsWith<M>];

/**
 * The declared path a concrete URL names (`/api/problems/two-sum/notes` or `/problems/${slug}/notes`); a path
 * without parameters wins over a template (`/reviews/due` is not `/reviews/{problemSlug}`).
 */
export type PathOf<M extends Method, U extends string> =
  `/api${WithoutApi<U>}` extends PathsWith<M> ? `/api${WithoutApi<U>}` : Templated<M, U>;

/** What a successful `M` on the concrete URL `U` answers; `unknown` for a URL no declared path matches. */
export type OkAt<M extends Method, U extends string> = [PathOf<M, U>] extends [never]
  ? unknown
  : OkOfPath<PathOf<M, U>, M>;
