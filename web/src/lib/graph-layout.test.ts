import { describe, expect, it } from "vitest";
import { assignLayers, layoutGraph } from "./graph-layout";

const size = { nodeWidth: 100, nodeHeight: 40, gapX: 20, gapY: 30 };

describe("roadmap layout", () => {
  it("puts each topic one row below its deepest prerequisite", () => {
    const layers = assignLayers(
      ["arrays", "hashing", "two-pointers", "graphs"],
      [
        { from: "arrays", to: "hashing" },
        { from: "arrays", to: "two-pointers" },
        { from: "hashing", to: "graphs" },
        { from: "two-pointers", to: "graphs" },
        { from: "arrays", to: "graphs" },
      ],
    );
    expect(Object.fromEntries(layers)).toEqual({ arrays: 0, hashing: 1, "two-pointers": 1, graphs: 2 });
  });

  it("survives a cycle and edges to unknown topics", () => {
    const layers = assignLayers(
      ["a", "b"],
      [
        { from: "a", to: "b" },
        { from: "b", to: "a" },
        { from: "x", to: "a" },
      ],
    );
    expect(layers.size).toBe(2);
  });

  it("places nodes without overlap and sizes the drawing to the widest row", () => {
    const layout = layoutGraph(
      ["a", "b", "c", "d"],
      [
        { from: "a", to: "b" },
        { from: "a", to: "c" },
        { from: "a", to: "d" },
      ],
      size,
    );
    expect(layout.layers).toBe(2);
    expect(layout.width).toBe(3 * 100 + 2 * 20);
    expect(layout.height).toBe(2 * 40 + 30);
    const row = ["b", "c", "d"].map((id) => layout.nodes.get(id)!.x).sort((x, y) => x - y);
    expect(row[1] - row[0]).toBeGreaterThanOrEqual(100);
    // the single root is centred above its children
    expect(layout.nodes.get("a")!.x).toBe(120);
  });

  it("orders a row by where its prerequisites sit, so edges do not cross", () => {
    const layout = layoutGraph(
      ["left", "right", "under-right", "under-left"],
      [
        { from: "right", to: "under-right" },
        { from: "left", to: "under-left" },
      ],
      size,
    );
    expect(layout.nodes.get("under-left")!.x).toBeLessThan(layout.nodes.get("under-right")!.x);
  });
});
