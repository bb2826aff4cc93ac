// A layered layout for the roadmap's prerequisite graph (a DAG): each topic sits one row below its
// deepest prerequisite; within a row, topics are ordered by the mean position of their prerequisites
// (one barycentre pass), which keeps most edges short and uncrossed for a graph of this size.

export interface GraphEdge {
  from: string; // prerequisite
  to: string; // topic that needs it
}

export interface PlacedNode {
  id: string;
  layer: number;
  order: number;
  x: number;
  y: number;
}

export interface Layout {
  nodes: Map<string, PlacedNode>;
  width: number;
  height: number;
  layers: number;
}

/** Longest-path layering. Edges that point to unknown ids are ignored; a cycle is broken where found. */
export function assignLayers(ids: string[], edges: GraphEdge[]): Map<string, number> {
  const known = new Set(ids);
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) if (known.has(e.from) && known.has(e.to) && e.from !== e.to) parents.get(e.to)!.push(e.from);
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const done = layer.get(id);
    if (done !== undefined) return done;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let depth = 0;
    for (const p of parents.get(id)!) depth = Math.max(depth, visit(p) + 1);
    visiting.delete(id);
    layer.set(id, depth);
    return depth;
  };
  for (const id of ids) visit(id);
  return layer;
}

export function layoutGraph(
  ids: string[],
  edges: GraphEdge[],
  size: { nodeWidth: number; nodeHeight: number; gapX: number; gapY: number },
): Layout {
  const layerOf = assignLayers(ids, edges);
  const rows: string[][] = [];
  for (const id of ids) {
    const l = layerOf.get(id)!;
    if (!rows[l]) rows[l] = [];
    rows[l].push(id);
  }
  const orderOf = new Map<string, number>();
  rows.forEach((row, l) => {
    if (l > 0) {
      const centre = (id: string) => {
        const ps = edges.filter((e) => e.to === id && orderOf.has(e.from)).map((e) => orderOf.get(e.from)!);
        return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : Number.POSITIVE_INFINITY;
      };
      row.sort((a, b) => centre(a) - centre(b));
    }
    row.forEach((id, i) => {
      // spread rows to the widest row's scale so barycentres compare across rows
      orderOf.set(id, row.length === 1 ? 0.5 : i / (row.length - 1));
    });
  });
  const widest = Math.max(1, ...rows.map((r) => r.length));
  const width = widest * size.nodeWidth + (widest - 1) * size.gapX;
  const nodes = new Map<string, PlacedNode>();
  rows.forEach((row, l) => {
    const rowWidth = row.length * size.nodeWidth + (row.length - 1) * size.gapX;
    const offset = (width - rowWidth) / 2;
    row.forEach((id, i) => {
      nodes.set(id, {
        id,
        layer: l,
        order: i,
        x: offset + i * (size.nodeWidth + size.gapX),
        y: l * (size.nodeHeight + size.gapY),
      });
    });
  });
  const height = rows.length * size.nodeHeight + Math.max(0, rows.length - 1) * size.gapY;
  return { nodes, width, height, layers: rows.length };
}
