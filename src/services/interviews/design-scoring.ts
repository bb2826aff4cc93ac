// Offline scoring of a system-design answer: how deeply it covers requirements (with numbers), the API,
// the data model, scaling and trade-offs — labelled sections ("API:", "Data model -") or the vocabulary of
// each — how it is written, and whether it designs the system asked for.
// Calibrated on tests/fixtures/interview/scoring/dev.json; accuracy in docs/decisions/0009.
import { contentStems, labelledParts, metrics, quoteAround } from "./answer-text.js";
import { type Band, buildRubric, clamp, type Rubric, words } from "./rubric.js";

export const DESIGN_SECTIONS = ["requirements", "api", "data_model", "scaling", "trade_offs"] as const;
export type DesignSection = (typeof DESIGN_SECTIONS)[number];

export interface DesignQuestion {
  title: string;
  prompt: string;
  keyConcepts?: string[];
}

export interface DesignCoverage {
  /** sections with at least one signal */
  covered: string[];
  /** sections with none, plus "relevance" when the answer designs another system */
  missing: string[];
  evidence: Record<string, string>;
  concepts: { covered: string[]; missing: string[] };
}

const LABELS: Record<string, DesignSection> = {
  requirements: "requirements",
  requirement: "requirements",
  "functional requirements": "requirements",
  "non-functional requirements": "requirements",
  scale: "requirements",
  estimates: "requirements",
  "capacity estimates": "requirements",
  "back of the envelope": "requirements",
  api: "api",
  apis: "api",
  endpoints: "api",
  interface: "api",
  "data model": "data_model",
  "data structures": "data_model",
  schema: "data_model",
  storage: "data_model",
  database: "data_model",
  scaling: "scaling",
  distribution: "scaling",
  pipeline: "scaling",
  architecture: "scaling",
  "high-level design": "scaling",
  "trade-offs": "trade_offs",
  tradeoffs: "trade_offs",
  "trade offs": "trade_offs",
  alternatives: "trade_offs",
};

// Each section's vocabulary: every distinct cue found is one signal.
const CUES: Record<DesignSection, RegExp> = {
  requirements:
    /\b(requirements?|functional|non-functional|must|should support|read-heavy|write-heavy|availability|available|latency (?:target|under|below)|under \d+ ?m?s|estimates?|peak|p99|daily active|dau|qps|rps|per second|[a-z]+\/s|storage for)\b/gi,
  api: /\b(api|endpoints?|(?:GET|POST|PUT|DELETE|PATCH) \/[\w/{}:?=.-]*|rest(?:ful)?|grpc|rpc|websockets?|graphql|protocol|(?:GET|SET|DELETE) key)\b/gi,
  data_model:
    /\b(data model|schema|tables?|columns?|primary key|index(?:es)? on|key-value|key ->|partitioned by|documents?|rows?|sql|nosql|cassandra|dynamo\w*|postgres\w*|mysql|manifest|hash map|linked list|fields?|\(id, )\b/gi,
  scaling:
    /\b(shard\w*|partition\w*|replica\w*|replicat\w+|cache[sd]?|caching|cdn|load balanc\w+|queues?|kafka|consistent hashing|horizontal\w*|autoscal\w+|stateless|fan-?out|regions?|clusters?|workers?)\b/gi,
  trade_offs:
    /\b(trade-?offs?|vs\.?|versus|instead of|rather than|at the cost of|downside|drawback|costs?|acceptable|is fine|eventual(?:ly)? consisten\w+|strongly consistent|consistency|wastes?|in exchange|but means)\b/gi,
};

const GENERIC = new Set(
  "design system servic like become hundre millio month new long users user build first then across with their others them".split(
    " ",
  ),
);

function signals(text: string, section: DesignSection): { cues: string[]; at?: number } {
  const cues = new Set<string>();
  let at: number | undefined;
  for (const m of text.matchAll(CUES[section])) {
    cues.add(m[0].toLowerCase().replace(/\s+/g, " "));
    at ??= m.index;
  }
  return { cues: [...cues], at };
}

export function designCoverage(text: string, question: DesignQuestion): DesignCoverage {
  const labelled = labelledParts(text, LABELS);
  const evidence: Record<string, string> = {};
  const covered: string[] = [];
  const missing: string[] = [];
  for (const section of DESIGN_SECTIONS) {
    const part = labelled.find((p) => p.part === section && words(p.text) >= 3);
    const s = signals(text, section);
    if (part) evidence[section] = quoteAround(part.text, 0);
    else if (s.at !== undefined) evidence[section] = quoteAround(text, s.at);
    if (evidence[section]) covered.push(section);
    else missing.push(section);
  }
  const concepts = (question.keyConcepts ?? []).map(String);
  const lower = text.toLowerCase();
  const conceptHits = concepts.filter((c) => lower.includes(c.toLowerCase()));
  if (subjectHits(text, question).length === 0) missing.push("relevance");
  return {
    covered,
    missing,
    evidence,
    concepts: { covered: conceptHits, missing: concepts.filter((c) => !conceptHits.includes(c)) },
  };
}

/** Words of the question's subject (a URL shortener's "short", "links", "redirect") found in the answer. */
export function subjectHits(text: string, question: DesignQuestion): string[] {
  const answer = contentStems(text);
  return [...contentStems(`${question.title} ${question.prompt}`)].filter((s) => !GENERIC.has(s) && answer.has(s));
}

export function scoreDesign(
  text: string,
  question: DesignQuestion,
  hintsUsed = 0,
): Rubric & { coverage: DesignCoverage } {
  const coverage = designCoverage(text, question);
  const labelled = new Set(labelledParts(text, LABELS).map((p) => p.part));
  const n = words(text);
  const figures = metrics(text);
  const endpoints = text.match(/\b(?:GET|POST|PUT|DELETE|PATCH) \/\S*/g) ?? [];

  const scoreOf = (section: DesignSection) => {
    const s = signals(text, section);
    const count = s.cues.length + (labelled.has(section) ? 1 : 0);
    return { count, cues: s.cues };
  };
  const sectionScores = Object.fromEntries(
    DESIGN_SECTIONS.map((section) => {
      const { count, cues } = scoreOf(section);
      let score = count === 0 ? 1 : count === 1 ? 2 : count === 2 ? 3 : 4;
      const reasons: string[] = [];
      if (section === "requirements") {
        // requirements without a single number are a wish list, not a scale to design for
        if (figures.length === 0 && score > 2) score = 2;
        if (count > 0 && figures.length === 0) reasons.push("no numbers: estimate users, requests per second, storage");
        else if (figures.length) reasons.push(`figures: ${figures.slice(0, 4).join(", ")}`);
      }
      if (section === "api" && endpoints.length >= 2) score = Math.max(score, 4);
      if (count === 0) reasons.unshift(`not discussed: ${MISSING_ADVICE[section]}`);
      else reasons.unshift(`${cues.slice(0, 5).join(", ")}${labelled.has(section) ? " (own section)" : ""}`);
      return [
        section,
        {
          score: clamp(score),
          reasons,
          ...(coverage.evidence[section] ? { evidence: [coverage.evidence[section]] } : {}),
        },
      ];
    }),
  );
  const sectionsWritten = labelled.size;
  let communication = n < 40 ? 1 : n < 120 ? 2 : 3;
  if (n >= 80 && sectionsWritten >= 3) communication += 1;
  if (hintsUsed >= 2) communication -= 0.5;
  const concepts = coverage.concepts;

  const offTopic = coverage.missing.includes("relevance");
  const cap: { band: Band; reason: string } | undefined = offTopic
    ? { band: "no_hire", reason: `the answer designs something other than "${question.title}"` }
    : n < 140
      ? { band: "hire", reason: "a strong design goes deeper than a sketch (under 140 words)" }
      : undefined;
  const rubric = buildRubric(
    "system_design",
    {
      ...sectionScores,
      communication: {
        score: clamp(communication),
        reasons: [
          `${n} words`,
          sectionsWritten >= 3 ? "structured in sections" : "little visible structure (a heading per part helps)",
          ...(concepts.covered.length + concepts.missing.length
            ? [
                `${concepts.covered.length} of ${concepts.covered.length + concepts.missing.length} key concepts mentioned${concepts.missing.length ? ` (not: ${concepts.missing.join(", ")})` : ""}`,
              ]
            : []),
          ...(hintsUsed ? [`${hintsUsed} hints used`] : []),
        ],
      },
    },
    cap,
  );
  return { ...rubric, coverage };
}

const MISSING_ADVICE: Record<DesignSection, string> = {
  requirements: "pin down what the system must do and at what scale",
  api: "name the endpoints or messages clients use",
  data_model: "say what is stored, keyed and indexed how",
  scaling: "say how it grows: caching, sharding, replication, queues",
  trade_offs: "name what each choice costs and what you gave up",
};
