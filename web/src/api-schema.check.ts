// Compile-time checks of the typed-by-path API (web/src/api-schema.ts): `tsc -p web` fails when a URL
// resolves to the wrong declared path. Nothing here runs.
import type { ApiOk, OkAt, PathOf } from "./api-schema";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const check = <T extends true>(): T => true as T;

// an exact path wins over a template: /reviews/due is not /reviews/{problemSlug}
check<Equal<PathOf<"get", "/reviews/due">, "/api/reviews/due">>();
check<Equal<PathOf<"get", `/reviews/${string}`>, "/api/reviews/{problemSlug}">>();
// a parameter takes one segment: /reviews/x/preview is not /reviews/{problemSlug}
check<Equal<PathOf<"get", `/reviews/${string}/preview`>, "/api/reviews/{problemSlug}/preview">>();
// with or without /api, numbers in a segment
check<Equal<OkAt<"get", "/api/attempts/12">, ApiOk<"/api/attempts/{id}", "get">>>();
check<Equal<OkAt<"get", `/attempts/${number}`>, ApiOk<"/api/attempts/{id}", "get">>>();
// the method matters; a 201 is the success of POST /attempts, and 204 answers nothing
check<Equal<OkAt<"post", "/attempts">, ApiOk<"/api/attempts", "post", 201>>>();
check<Equal<OkAt<"delete", `/attempts/${number}`>, undefined>>();
// a URL no route declares is unknown, not any
check<Equal<OkAt<"get", "/no/such/path">, unknown>>();
