// The HTTP latency histogram, kept by hand rather than by prom-client's Histogram: every response records
// into it, and prom-client's `observe` builds a label object, a closure and a label string, and looks the
// bucket up by its bound's text, about a microsecond a request (issue 15's profile). Here a response costs
// three map lookups by the strings it already has (method, route pattern, status) and one array increment;
// the Prometheus text is made at scrape time, in the form prom-client writes (`le` first).

export const HTTP_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Cell {
  /** the label set as written in the exposition */
  labels: string;
  /** observations per bucket (not cumulative); the last slot is above the largest bound */
  counts: number[];
  sum: number;
  count: number;
}

/** A label value as the exposition format wants it: backslash, double quote and newline escaped. */
function labelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

/** A number as prom-client writes one: integers plain, others in JavaScript's shortest form, ±Inf, NaN. */
function sampleValue(n: number): string {
  if (n === Number.POSITIVE_INFINITY) return "+Inf";
  if (n === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(n);
}

export class HttpLatency {
  private readonly cells = new Map<string, Map<string, Map<number, Cell>>>();
  /** every cell, in the order of its first observation (the order prom-client writes them in) */
  private readonly ordered: Cell[] = [];

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[] = HTTP_LATENCY_BUCKETS,
  ) {}

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    if (!Number.isFinite(seconds)) return;
    let routes = this.cells.get(method);
    if (!routes) {
      routes = new Map();
      this.cells.set(method, routes);
    }
    let statuses = routes.get(route);
    if (!statuses) {
      statuses = new Map();
      routes.set(route, statuses);
    }
    let cell = statuses.get(statusCode);
    if (!cell) {
      const labels = `method="${labelValue(method)}",route="${labelValue(route)}",status_code="${statusCode}"`;
      cell = { labels, counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
      statuses.set(statusCode, cell);
      this.ordered.push(cell);
    }
    const { buckets } = this;
    let i = 0;
    while (i < buckets.length && seconds > (buckets[i] as number)) i++;
    (cell.counts[i] as number)++;
    cell.sum += seconds;
    cell.count++;
  }

  /** The histogram in the Prometheus text format (with HELP and TYPE), or "" before the first request. */
  render(): string {
    if (this.ordered.length === 0) return "";
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, counts, sum, count } of this.ordered) {
      let cumulative = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        cumulative += counts[i] as number;
        lines.push(`${this.name}_bucket{le="${this.buckets[i]}",${labels}} ${cumulative}`);
      }
      lines.push(`${this.name}_bucket{le="+Inf",${labels}} ${count}`);
      lines.push(`${this.name}_sum{${labels}} ${sampleValue(sum)}`);
      lines.push(`${this.name}_count{${labels}} ${count}`);
    }
    return `${lines.join("\n")}\n`;
  }
}
