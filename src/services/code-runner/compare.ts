// Structural comparison of a solution's return value with the expected one, by the question's compare mode.
import type { CompareMode } from "./types.js";

const FLOAT_TOLERANCE = 1e-5;

/** A canonical string for sorting values of any shape (numbers, strings, nested arrays). */
function canonical(value: unknown): string {
  return JSON.stringify(value) ?? "undefined";
}

function sortDeep(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const inner = value.map(sortDeep);
  return inner.sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));
}

function sortTop(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return [...value].sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));
}

export function deepEqual(a: unknown, b: unknown, floatTolerance = 0): boolean {
  if (typeof a === "number" && typeof b === "number") {
    if (floatTolerance > 0) return Math.abs(a - b) <= floatTolerance * Math.max(1, Math.abs(b));
    return a === b;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i], floatTolerance));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (!deepEqual(ka, kb)) return false;
    return ka.every((k) =>
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], floatTolerance),
    );
  }
  // undefined (a function that returned nothing) equals null (the JSON of "no value")
  return (a ?? null) === (b ?? null);
}

export function valuesMatch(actual: unknown, expected: unknown, mode: CompareMode = "exact"): boolean {
  switch (mode) {
    case "float":
      return deepEqual(actual, expected, FLOAT_TOLERANCE);
    case "unordered":
      return deepEqual(sortTop(actual), sortTop(expected));
    case "unordered_deep":
      return deepEqual(sortDeep(actual), sortDeep(expected));
    default:
      return deepEqual(actual, expected);
  }
}
