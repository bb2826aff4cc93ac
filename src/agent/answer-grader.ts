// Grades a written interview answer (behavioural or system design) with the configured model: the same
// dimensions as the offline rubric, each with a score and quotes from the answer. A quote the answer does
// not contain is dropped, and a dimension left without a real quote keeps the offline score, so the model
// cannot grade what was never written. Any failure returns undefined: the offline rubric stands.
import { z } from "zod";
import { quotedFrom } from "../services/interviews/answer-text.js";
import type { AnswerGrader } from "../services/interviews/interview-report.js";
import { buildRubric, type DimensionInput, RUBRIC_DIMENSIONS, type Score } from "../services/interviews/rubric.js";
import type { LanguageModel } from "./llm.js";

const gradeSchema = z.object({
  dimensions: z
    .array(
      z.object({
        id: z.string(),
        score: z.number().int().min(1).max(4),
        evidence: z.array(z.string()).max(5).default([]),
        reason: z.string().max(400).default(""),
      }),
    )
    .min(1),
});

const GUIDE: Record<"behavioral" | "system_design", string> = {
  behavioral:
    "structure: Situation, Task, Action, Result all present and in that order. ownership: concrete things the candidate did in the first person. impact: a result, ideally with numbers (%, ms, x, $). relevance: the story answers the question asked (a good story about something else scores 1). communication: clear, concise, reflects on what was learned.",
  system_design:
    "requirements: functional needs and scale with numbers. api: endpoints or messages. data_model: what is stored and how it is keyed. scaling: caching, sharding, replication, queues. trade_offs: what each choice costs. communication: structure and depth; an answer designing a different system scores 1 everywhere.",
};

/** The JSON object inside a reply that may wrap it in prose or a ```json fence. */
function jsonIn(text: string): unknown {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) throw new Error("no JSON object in the reply");
  return JSON.parse(text.slice(start, end + 1));
}

export function modelAnswerGrader(llm: LanguageModel): AnswerGrader {
  return async ({ mode, question, answer, offline }) => {
    const dims = RUBRIC_DIMENSIONS[mode];
    const reply = await llm.chat({
      messages: [
        {
          role: "system",
          content: `You grade a candidate's written ${mode === "behavioral" ? "behavioural" : "system-design"} interview answer. Score each dimension 1 (absent) to 4 (excellent). Dimensions: ${GUIDE[mode]} For every dimension quote the exact sentences of the answer that justify the score (copy them verbatim; no quote when the part is absent). Reply with JSON only: {"dimensions":[{"id":"<one of ${dims.map((d) => d.id).join(", ")}>","score":1-4,"evidence":["<verbatim quote>"],"reason":"<one sentence>"}]}`,
        },
        { role: "user", content: `Question: ${question.title}\n${question.prompt}\n\nAnswer:\n${answer}` },
      ],
    });
    const parsed = gradeSchema.safeParse(jsonIn(reply.content));
    if (!parsed.success) throw new Error(`the model's grade is not the expected JSON: ${parsed.error.message}`);
    const byId = new Map(parsed.data.dimensions.map((d) => [d.id, d]));
    const scores: Record<string, DimensionInput> = {};
    let modelDimensions = 0;
    for (const { id } of dims) {
      const graded = byId.get(id);
      const fallback = offline.dimensions.find((d) => d.id === id);
      if (!fallback) throw new Error(`offline rubric lacks ${id}`);
      const evidence = (graded?.evidence ?? []).filter((q) => quotedFrom(answer, q));
      // a score above "absent" needs a quote that is really in the answer; otherwise keep the offline one
      if (!graded || (graded.score > 1 && evidence.length === 0)) {
        scores[id] = {
          score: fallback.score,
          reasons: [...fallback.reasons, "the model gave no quote from the answer for this; offline score kept"],
          ...(fallback.evidence ? { evidence: fallback.evidence } : {}),
        };
        continue;
      }
      modelDimensions++;
      scores[id] = {
        score: graded.score as Score,
        reasons: graded.reason ? [graded.reason] : [],
        evidence,
      };
    }
    if (modelDimensions === 0) return undefined;
    const rubric = buildRubric(mode, scores);
    return { ...rubric, gradedBy: "llm", model: llm.model };
  };
}
