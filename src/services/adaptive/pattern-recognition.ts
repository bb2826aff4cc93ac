// "Which pattern?" — before coding in a mock interview, the candidate names the topic they think the
// question is about. Whether it matched the question's topics is recorded on the session and scored as
// the `pattern_recognition` skill (once per interview).
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../config/database.js";
import { interviewQuestions, interviewSessions } from "../../database/schema.js";
import { ConflictError, NotFoundError } from "../../errors.js";
import type { CatalogService } from "../catalog/catalog-service.js";
import type { AttemptRatings } from "./attempt-ratings.js";
import { PATTERN_SKILL, type SkillService, type SkillView } from "./skill-estimates.js";

export interface PatternGuessResult {
  pattern: string;
  matched: boolean;
  /** the question's topics, revealed once the guess is in */
  topics: string[];
  skill: SkillView;
}

export class PatternRecognitionService {
  constructor(
    private readonly deps: { db: Database; catalog: CatalogService; ratings: AttemptRatings; skills: SkillService },
  ) {}

  async guess(userId: number, sessionId: number, pattern: string): Promise<PatternGuessResult> {
    await this.deps.catalog.requireTopics([pattern]);
    const [row] = await this.deps.db
      .select({
        session: interviewSessions,
        topics: interviewQuestions.topics,
        difficulty: interviewQuestions.difficulty,
      })
      .from(interviewSessions)
      .innerJoin(interviewQuestions, eq(interviewQuestions.id, interviewSessions.questionId))
      .where(and(eq(interviewSessions.id, sessionId), eq(interviewSessions.userId, userId)));
    if (!row) throw new NotFoundError(`No interview ${sessionId}.`);
    if (row.session.mode !== "coding")
      throw new ConflictError(
        `Interview ${sessionId} is a ${row.session.mode} interview; only coding ones ask for a pattern.`,
      );
    if (row.session.status !== "active")
      throw new ConflictError(
        `Interview ${sessionId} is already ${row.session.status}; name the pattern before coding.`,
      );
    const matched = row.topics.includes(pattern);
    await this.deps.db.transaction(async (tx) => {
      const updated = await tx
        .update(interviewSessions)
        .set({ patternGuess: pattern, patternMatched: matched })
        .where(and(eq(interviewSessions.id, sessionId), isNull(interviewSessions.patternGuess)))
        .returning({ id: interviewSessions.id });
      if (updated.length === 0)
        throw new ConflictError(`You already named a pattern for interview ${sessionId}; it counts once.`);
      await this.deps.ratings.recordPatternGuess(tx, userId, row.difficulty ?? "medium", matched);
    });
    return { pattern, matched, topics: row.topics, skill: await this.deps.skills.get(userId, PATTERN_SKILL) };
  }
}
