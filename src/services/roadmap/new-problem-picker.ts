// Which never-tried problems the review queue offers next. The roadmap feature owns the choice: the
// adaptive recommender's ranking (sized to the learner), preferring the topics the roadmap has unlocked.
// It is built before the training service and handed to its constructor at the composition root; it
// reads the unlock states itself (topic-unlocks.ts) rather than through RoadmapService, which needs
// training — the cycle a setter (`training.useNewProblemPicker`) used to hide.
import type { Queryable } from "../../config/database.js";
import type { NewProblem, NewProblemPicker } from "../training/training-service.js";
import { loadTopicUnlocks, type TopicUnlock } from "./topic-unlocks.js";

/** What ranks never-tried problems for a learner (services/adaptive/recommendations.ts). */
export interface NewProblemRanker {
  pickNewProblems(userId: number, count: number): Promise<NewProblem[]>;
}

/** The roadmap's unlock states, for the ranker's "unlocked topics first" preference. */
export function roadmapTopicStates(db: Queryable): (userId: number) => Promise<TopicUnlock[]> {
  return (userId) => loadTopicUnlocks(db, userId);
}

export function newProblemPicker(ranker: NewProblemRanker): NewProblemPicker {
  return async (userId, count) => (count > 0 ? ranker.pickNewProblems(userId, count) : []);
}
