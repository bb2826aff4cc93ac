// maang_data.db / memory.db: the old platform's accounts, roadmap progress and weakness analysis
// (memory.db adds the job-search tables).
import { eq } from "drizzle-orm";
import { platformAccounts, users, weaknessSnapshots } from "../../../database/schema.js";
import { ImportRun } from "../run.js";
import { imported, type LegacyKind, type RowOutcome, skipped } from "../types.js";
import { difficultyOf, legacyDate, num, str } from "../values.js";
import { type LegacyAttempt, writeAttempts, writeMemories } from "../writers.js";

const BCRYPT = /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function severityOf(score: number): "low" | "medium" | "high" | "critical" {
  if (score >= 75) return "critical";
  if (score >= 50) return "high";
  if (score >= 25) return "medium";
  return "low";
}

export const platformKind: LegacyKind = {
  kind: "platform",
  description: "accounts, roadmap progress and weakness analysis (maang_data.db / memory.db)",
  recognisedBy: ["users", "user_credentials", "topic_problems", "user_problem_status"],
  tables: [
    {
      table: "users",
      target: "users (bcrypt hash kept, rehashed at first login)",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          if (m.run.forcedUserId !== null) {
            m.run.rememberFileUser(m.sourceDb, key, m.run.forcedUserId);
            out.push(skipped(key, "--user given: its rows go to that account, no legacy account is created"));
            continue;
          }
          const email = str(row.email)?.toLowerCase();
          if (!email || !EMAIL.test(email)) {
            out.push(skipped(key, "no valid email address"));
            continue;
          }
          const [existing] = await m.tx.select({ id: users.id }).from(users).where(eq(users.email, email));
          if (existing) {
            m.run.rememberFileUser(m.sourceDb, key, existing.id);
            await m.run.addUserAliases(m.tx, existing.id, { username: str(row.username), email });
            out.push({
              ...imported(key, "users", existing.id, existing.id),
              linked: "an account with this email exists: legacy rows are linked to it, its password is kept",
            });
            continue;
          }
          const hash = str(row.password_hash);
          if (!hash || !BCRYPT.test(hash)) {
            out.push(skipped(key, "password hash is not bcrypt: the account could not log in (sign up again)"));
            continue;
          }
          const createdAt = legacyDate(row.created_at) ?? m.now;
          const [created] = await m.tx
            .insert(users)
            .values({
              email,
              name: str(row.full_name) ?? str(row.username) ?? "",
              passwordHash: hash,
              passwordAlgo: "bcrypt",
              createdAt,
              updatedAt: createdAt,
            })
            .returning({ id: users.id });
          m.run.rememberFileUser(m.sourceDb, key, created.id);
          await m.run.addUserAliases(m.tx, created.id, { username: str(row.username), email });
          out.push(imported(key, "users", created.id, created.id));
        }
        return out;
      },
    },
    {
      table: "user_credentials",
      target: "platform_accounts (username; the old encrypted token is not carried over)",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          const platform = str(row.platform)?.toLowerCase();
          const username = str(row.username);
          if (!userId) out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
          else if (!platform || !username) out.push(skipped(key, "no platform or username"));
          else {
            if (str(row.encrypted_token) || str(row.session_cookie))
              m.run.notes.add(
                "Legacy LeetCode/GitHub secrets were encrypted with the old platform's key and are not imported: link the session cookie again (PUT /api/leetcode/link).",
              );
            const [row2] = await m.tx
              .insert(platformAccounts)
              .values({ userId, platform, username, lastSyncedAt: legacyDate(row.last_synced) })
              .onConflictDoNothing()
              .returning({ id: platformAccounts.id });
            out.push(
              row2
                ? imported(key, "platform_accounts", row2.id, userId)
                : skipped(key, `the account already has a ${platform} link`),
            );
          }
        }
        return out;
      },
    },
    {
      table: "roadmap_topics",
      target: "—",
      skip: "catalogue: Maang-Tracker seeds its own roadmap; legacy topics are matched by name where other rows refer to them",
    },
    {
      table: "topic_problems",
      target: "—",
      skip: "catalogue: problems are matched by slug; progress on an unknown slug creates a custom problem for its user",
    },
    {
      table: "user_problem_status",
      target: "attempts + review cards",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        const attempts: LegacyAttempt[] = [];
        const refs = [];
        for (const row of rows) {
          const problem = m.file.lookup("topic_problems", "id", row.problem_id);
          if (problem)
            refs.push({
              userId: await m.run.resolveUser(m.tx, m.sourceDb, row.user_id),
              ref: {
                slug: str(problem.problem_slug),
                title: str(problem.problem_title),
                difficulty: difficultyOf(problem.difficulty),
                url: str(problem.problem_url),
              },
            });
        }
        await m.run.prefetchProblems(m.tx, refs);
        for (const row of rows) {
          const key = String(row.id);
          const status = str(row.status)?.toLowerCase() ?? "not_started";
          if (status === "not_started") {
            out.push(skipped(key, "not started: nothing to record"));
            continue;
          }
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          if (!userId) {
            out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
            continue;
          }
          const problem = m.file.lookup("topic_problems", "id", row.problem_id);
          const problemId = problem
            ? await m.run.problemFor(m.tx, userId, {
                slug: str(problem.problem_slug),
                title: str(problem.problem_title),
                difficulty: difficultyOf(problem.difficulty),
                url: str(problem.problem_url),
              })
            : null;
          if (!problemId) {
            out.push(skipped(key, "refers to a problem that is not in the file's topic_problems"));
            continue;
          }
          const solved = status === "solved" || status === "reviewed";
          attempts.push({
            key,
            userId,
            problemId,
            outcome: solved ? "solved" : "failed",
            attemptedAt: legacyDate(row.solved_at) ?? legacyDate(row.last_attempted) ?? m.now,
            minutes: num(row.time_taken_minutes),
            notes: str(row.notes),
          });
        }
        return [...out, ...(await writeAttempts(m, "user_problem_status", attempts))];
      },
    },
    {
      table: "user_progress",
      target: "—",
      skip: "per-topic progress is recomputed from attempts and reviews",
    },
    {
      table: "system_design_progress",
      target: "memories (note)",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        const notes = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          if (!userId) {
            out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
            continue;
          }
          const parts = [
            `System design practice: ${str(row.design_name)}${str(row.category) ? ` (${str(row.category)})` : ""} — ${str(row.status) ?? "not_started"}.`,
            str(row.notes),
            str(row.diagram_url) ? `Diagram: ${str(row.diagram_url)}` : null,
          ];
          notes.push({
            key,
            userId,
            kind: "note" as const,
            text: parts.filter(Boolean).join(" "),
            createdAt: legacyDate(row.last_updated) ?? m.now,
          });
        }
        return [...out, ...(await writeMemories(m, "system_design_progress", notes))];
      },
    },
    {
      table: "weakness_analysis",
      target: "weakness_snapshots",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          if (!userId) {
            out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
            continue;
          }
          const legacyTopic = m.file.lookup("roadmap_topics", "id", row.topic_id);
          const topicId =
            (await m.run.topicFor(m.tx, str(legacyTopic?.name))) ??
            (await m.run.topicFor(m.tx, str(row.weakness_name)));
          if (!topicId) {
            out.push(skipped(key, "its topic is not in the roadmap"));
            continue;
          }
          const score = Math.max(0, Math.min(100, (num(row.severity_score) ?? 0) * 10));
          const analysis = str(row.ai_analysis);
          const [snapshot] = await m.tx
            .insert(weaknessSnapshots)
            .values({
              userId,
              topicId,
              takenAt: legacyDate(row.created_at) ?? m.now,
              score,
              severity: severityOf(score),
              reason: `${str(row.weakness_name) ?? topicId}${analysis ? `: ${analysis.slice(0, 500)}` : ""}`,
              metrics: {
                source: "legacy",
                weaknessType: str(row.weakness_type),
                confidence: num(row.confidence),
                evidence: str(row.evidence),
                recommendations: str(row.recommendations),
              },
            })
            .returning({ id: weaknessSnapshots.id });
          out.push(imported(key, "weakness_snapshots", snapshot.id, userId));
        }
        return out;
      },
    },
    {
      table: "cache_store",
      target: "—",
      skip: "cache entries are rebuilt on demand",
      key: (row) => String(row.cache_key),
    },
    {
      table: "user_focus",
      target: "users.focus_topic",
      async importRows(rows, m) {
        const out: RowOutcome[] = [];
        for (const row of rows) {
          const key = String(row.id);
          const userId = await m.run.resolveUser(m.tx, m.sourceDb, row.user_id);
          const topicId =
            (await m.run.topicFor(m.tx, str(row.topic_id))) ?? (await m.run.topicFor(m.tx, str(row.topic_name)));
          if (!userId) out.push(skipped(key, ImportRun.unresolvedUser(row.user_id)));
          else if (!topicId) out.push(skipped(key, `focus topic "${str(row.topic_name)}" is not in the roadmap`));
          else {
            await m.tx.update(users).set({ focusTopic: topicId }).where(eq(users.id, userId));
            out.push(imported(key, "users", userId, userId));
          }
        }
        return out;
      },
    },
    { table: "job_postings", target: "—", skip: "job search is not part of Maang-Tracker" },
    { table: "job_applications", target: "—", skip: "job search is not part of Maang-Tracker" },
  ],
};
