// Offline scoring of a behavioural answer the way an interviewer reads it: which STAR parts are there
// (labelled "Situation:", "S -", … or recognisable from the sentences), what the candidate did in the
// first person, whether the result has numbers, and whether the story answers the question asked.
// Calibrated on tests/fixtures/interview/scoring/dev.json; accuracy in docs/decisions/0009.
import { contentStems, labelledParts, metrics, quoteAround, sentences } from "./answer-text.js";
import { type Band, buildRubric, clamp, type Rubric, words } from "./rubric.js";

/** The STAR guide's order; the report and the room list the parts in this order. */
export const STAR_ORDER = ["situation", "task", "action", "result"] as const;
export type StarPart = (typeof STAR_ORDER)[number];

export interface StarCoverage {
  covered: StarPart[];
  /** STAR parts not found, plus "relevance" when the story does not answer the question */
  missing: string[];
  evidence: Record<string, string>;
}

export interface BehavioralQuestion {
  title: string;
  prompt: string;
  category?: string;
}

const LABELS: Record<string, StarPart> = {
  situation: "situation",
  context: "situation",
  background: "situation",
  task: "task",
  goal: "task",
  "my role": "task",
  responsibility: "task",
  action: "action",
  actions: "action",
  "what i did": "action",
  result: "result",
  results: "result",
  outcome: "result",
  impact: "result",
};
const LETTERS: Record<string, StarPart> = { S: "situation", T: "task", A: "action", R: "result" };

// Past-tense verbs that are not "-ed" words; a first-person sentence with one of these, or with any
// "-ed" verb that is not a feeling or a state, says what the candidate did.
const IRREGULAR =
  "wrote rewrote built rebuilt led ran made took set found cut split sent spoke met went gave got put brought chose drew began told kept held dug caught taught sought fought bought paid shut broke spent understood stood won read rang hit let laid fed saw flew threw drove became overcame undertook withdrew sold";
const NOT_ACTIONS =
  "needed wanted liked loved felt hoped wished preferred enjoyed learned learnt realised realized noticed guessed assumed believed used seemed tried-to";
const irregular = new Set(IRREGULAR.split(" "));
const notAction = new Set(NOT_ACTIONS.split(" "));
const ADVERB = "(?:then|also|first|finally|quickly|personally|immediately|eventually|next|later|still|\\w+ly)";

function isActionVerb(word: string): boolean {
  const w = word.toLowerCase();
  if (notAction.has(w)) return false;
  return irregular.has(w) || (/^[a-z]{3,}ed$/.test(w) && !w.endsWith("eed"));
}

/** Each first-person action clause: "I profiled the service, found a leak, wrote a fix" is three. */
export function firstPersonActions(text: string): string[] {
  const found: string[] = [];
  for (const sentence of sentences(text)) {
    const re = new RegExp(`\\bI\\s+(?:${ADVERB}\\s+)?([a-z]+)\\b`, "g");
    for (const m of sentence.matchAll(re)) {
      if (!isActionVerb(m[1])) continue;
      found.push(m[1].toLowerCase());
      // the clauses that continue the same subject: ", found a leak, and wrote a fix"
      const rest = sentence.slice((m.index ?? 0) + m[0].length);
      for (const c of rest.matchAll(/(?:,\s*(?:and\s+|then\s+)?|\s+and\s+(?:then\s+)?)([a-z]+)\b/g))
        if (isActionVerb(c[1]) && !/^(?:it|that|this|they|we|he|she)$/.test(c[1])) found.push(c[1].toLowerCase());
    }
  }
  return found;
}

function weActions(text: string): number {
  let n = 0;
  for (const m of text.matchAll(new RegExp(`\\bwe\\s+(?:${ADVERB}\\s+)?([a-z]+)\\b`, "gi")))
    if (isActionVerb(m[1])) n++;
  return n;
}

const SITUATION =
  /\b(when i was|while i was|at my (?:previous|last|current|first|old|second) (?:job|company|role|team|employer)|at (?:a|an) [\w-]+(?: [\w-]+){0,2} (?:company|startup|firm|bank|agency|shop|team|scale-?up)|in my (?:first|second|third|last|previous|current) (?:month|year|role|job|week|team)|last (?:year|quarter|month|summer|spring|winter|autumn|fall)|(?:a few|two|three|several) (?:months|years) ago|(?:our|the company's|my team's) [\w-]+(?: [\w-]+)? (?:service|team|app|product|system|pipeline|api|cluster|job|page|platform)|there was|we had|we were|our team|back in|at the time|weeks? before|started (?:throwing|failing|timing|to))\b/i;
const TASK =
  /\b(my (?:task|goal|job|role|responsibility|mission|assignment) (?:was|is)|i was (?:responsible|asked|tasked|assigned|in charge|on call|on support|the (?:only|lead|on-call|tech|engineer|owner|one|main))|i (?:had|needed|was supposed) to|i owned|i volunteered|it was (?:my|up to me)|the (?:goal|task|ask|challenge|call) was|the call was mine|(?:was|were) asked to|i took (?:on|ownership)|as the [\w -]{0,30}(?:owner|lead|engineer|manager)|on (?:the )?(?:support|on-call) rotation)\b/i;
const RESULT =
  /\b(as a result|resulted|the result|outcome|in the end|ultimately|dropped|fell|went (?:from|down|up|live)|reduced|decreased|increased|improved|saved|shipped|launched|merged|passed|accepted|renewed|grew|halved|doubled|since then|no (?:more )?(?:outages?|incidents?|complaints?|timeouts?)|zero \w+|went out|adopted|closed \d+|reached|brought)\b/i;
const REFLECTION =
  /\b(i (?:learned|learnt|realised|realized)|lesson|next time|in hindsight|looking back|since then|i now|now i|taught me|i would (?:do|have)|differently|takeaway)\b/i;

// What each category of question is about; the answer should touch at least one of these (or the prompt's
// own words) to count as answering it.
const TOPIC_TERMS: Record<string, RegExp> = {
  teamwork:
    /\b(conflict|disagree\w*|argu\w+|push(?:ed)? ?back|tension|debate\w*|teammate|colleague|co-?worker|feedback|comments?|review\w*|critic\w*|told me)\b/gi,
  leadership:
    /\b(led|lead(?:ing)?|coordinat\w+|volunteer\w*|organi[sz]\w+|authority|no ?one owned|nobody owned|mentor\w*|rallied|drove|kick(?:ed)? off|owner)\b/gi,
  growth:
    /\b(fail\w*|mistake|wrong|broke|outage|missed|underestimat\w+|rolled (?:it )?back|incident|lesson|learned|learnt|skipped)\b/gi,
  technical:
    /\b(bug|latency|leak\w*|performance|profil\w+|database|architecture|memory|timeouts?|crash\w*|debug\w*|optimi[sz]\w+|quer(?:y|ies)|cach\w*|throughput|pipeline|migrat\w+|service|errors?|deploy\w*|builds?|tests?|slow|faster|speed|bottleneck|parallel\w*|refactor\w*|servers?|infra\w*|api|code)\b/gi,
  communication:
    /\b(stakeholder|another team|other team|partner|cross-team|negotiat\w+|align\w*|convinc\w+|persuad\w+|difficult|lead|their)\b/gi,
  "problem-solving":
    /\b(unclear|ambigu\w+|vague|spec|requirements?|nobody (?:knew|could)|did not know|didn't know|open questions?|assum\w+|meant|mock-?ups?)\b/gi,
  pressure:
    /\b(deadline|due|launch date|cut-?off|by the end of|weeks? (?:before|early|late)|days? (?:before|early|late)|time pressure|behind schedule|on time|crunch|tight|sprint|scope|ahead of)\b/gi,
  motivation: /\b(your|company|mission|products?|join|excit\w+|interest\w*|grow\w*|team)\b/gi,
  "customer focus": /\b(customers?|users?|clients?|support|tickets?|complain\w*|renew\w*)\b/gi,
  judgment: /\b(disagree\w*|manager|boss|decision|decided|commit\w*|push(?:ed)? ?back|escalat\w+|chose)\b/gi,
  introduction: /\b(currently|role|experience|years|background|engineer|career|i am|i'm|worked)\b/gi,
};
const GENERIC_PROMPT = new Set(["time", "situat", "exampl", "someth", "worked", "workin"]);

export function relevanceHits(text: string, question: BehavioralQuestion): string[] {
  const hits = new Set<string>();
  const terms = question.category ? TOPIC_TERMS[question.category] : undefined;
  if (terms) for (const m of text.matchAll(terms)) hits.add(m[0].toLowerCase());
  const answer = contentStems(text);
  for (const s of contentStems(`${question.prompt}`)) if (!GENERIC_PROMPT.has(s) && answer.has(s)) hits.add(s);
  return [...hits];
}

export function starCoverage(text: string, question?: BehavioralQuestion): StarCoverage {
  const evidence: Record<string, string> = {};
  const labelled = labelledParts(text, LABELS, LETTERS);
  for (const p of labelled) if (words(p.text) >= 3 && !evidence[p.part]) evidence[p.part] = p.text.slice(0, 160);
  const all = sentences(text);
  const actionAt = all.findIndex((s) => firstPersonActions(s).length > 0);
  if (!evidence.action && actionAt >= 0) evidence.action = all[actionAt];
  if (!evidence.task) {
    const s = all.find((x) => TASK.test(x));
    if (s) evidence.task = s;
  }
  if (!evidence.situation) {
    const s = all.find((x) => SITUATION.test(x));
    // a story's opening sentence usually sets the scene, when it is neither the task nor an action
    const opening = all[0];
    if (s) evidence.situation = s;
    else if ((actionAt > 0 || all.length >= 3) && opening && !TASK.test(opening)) evidence.situation = opening;
  }
  if (!evidence.result) {
    // results come after what was done; a story with no action still may end with an outcome
    const s = all
      .slice(actionAt >= 0 ? actionAt : 1)
      .find((x) => RESULT.test(x) || (metrics(x).length > 0 && firstPersonActions(x).length === 0));
    if (s) evidence.result = s;
  }
  const covered = STAR_ORDER.filter((p) => evidence[p]);
  const missing: string[] = STAR_ORDER.filter((p) => !evidence[p]);
  if (question && relevanceHits(text, question).length === 0) missing.push("relevance");
  for (const k of Object.keys(evidence)) evidence[k] = quoteAround(evidence[k], 0);
  return { covered, missing, evidence };
}

export function scoreBehavioral(
  text: string,
  question: BehavioralQuestion,
  hintsUsed = 0,
): Rubric & { star: StarCoverage } {
  const star = starCoverage(text, question);
  const has = (p: StarPart) => star.covered.includes(p);
  const n = words(text);
  const actions = firstPersonActions(text);
  const distinctActions = new Set(actions).size;
  const we = weActions(text);
  const resultText = star.evidence.result ?? "";
  const resultAt = text.indexOf(resultText.replace(/…$/, ""));
  const figures = has("result") ? [...new Set(metrics(resultAt >= 0 ? text.slice(resultAt) : resultText))] : [];
  const reflection = REFLECTION.test(text);
  const topical = relevanceHits(text, question);

  const structure = clamp(star.covered.length);
  let ownership = distinctActions >= 3 ? 4 : distinctActions === 2 ? 3 : distinctActions === 1 ? 2 : 1;
  if (we > distinctActions * 2 && ownership > 1) ownership -= 1;
  const impact = !has("result") ? 1 : figures.length > 0 ? 4 : reflection ? 3 : 2;
  const relevance = topical.length >= 3 ? 4 : topical.length === 2 ? 3 : topical.length === 1 ? 2 : 1;
  const ordered = star.covered.length >= 3;
  let communication = n < 20 ? 1 : n < 50 ? 2 : n <= 600 ? 3 : 2;
  if (n >= 50 && reflection && ordered && n <= 600) communication += 1;
  if (hintsUsed >= 2) communication -= 0.5;

  let cap: { band: Band; reason: string } | undefined;
  if (relevance === 1) cap = { band: "no_hire", reason: "the story does not answer the question asked" };
  else if (!has("action") || distinctActions === 0)
    cap = { band: "lean_no_hire", reason: "no first-person action: the interviewer cannot tell what you did" };
  else if (!has("result")) cap = { band: "lean_hire", reason: "no result: the story stops before its outcome" };
  else if (!reflection) cap = { band: "hire", reason: "a strong answer also says what you learned" };

  const rubric = buildRubric(
    "behavioral",
    {
      structure: {
        score: structure,
        reasons: [
          `STAR parts present: ${star.covered.join(", ") || "none"}`,
          ...(star.missing.some((m) => m !== "relevance")
            ? [`missing: ${star.missing.filter((m) => m !== "relevance").join(", ")}`]
            : []),
        ],
        evidence: STAR_ORDER.flatMap((p) => (star.evidence[p] ? [star.evidence[p]] : [])),
      },
      ownership: {
        score: clamp(ownership),
        reasons: [
          distinctActions
            ? `${distinctActions} things you did in the first person (${[...new Set(actions)].slice(0, 6).join(", ")})`
            : "no first-person action: say what YOU did, step by step",
          ...(we > distinctActions * 2 ? ["mostly 'we': say which part was yours"] : []),
        ],
        ...(star.evidence.action ? { evidence: [star.evidence.action] } : {}),
      },
      impact: {
        score: clamp(impact),
        reasons: [
          !has("result")
            ? "no result: end with what changed"
            : figures.length
              ? `result with figures: ${figures.slice(0, 4).join(", ")}`
              : "result without numbers (how much faster, cheaper, how many users?)",
          ...(reflection ? ["reflected on what was learned"] : []),
        ],
        ...(star.evidence.result ? { evidence: [star.evidence.result] } : {}),
      },
      relevance: {
        score: clamp(relevance),
        reasons: [
          topical.length
            ? `touches the question: ${topical.slice(0, 5).join(", ")}`
            : `does not answer "${question.prompt}"`,
        ],
      },
      communication: {
        score: clamp(communication),
        reasons: [
          `${n} words`,
          ordered
            ? "easy to follow (most STAR parts, in order)"
            : "hard to follow: tell it as situation, task, action, result",
          ...(hintsUsed ? [`${hintsUsed} hints used`] : []),
        ],
      },
    },
    cap,
  );
  return { ...rubric, star };
}
