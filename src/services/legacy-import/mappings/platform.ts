// maang_data.db / memory.db: the old platform's accounts, roadmap progress and weakness analysis
// (memory.db adds the job-search tables).
import { eq } from "drizzle-orm";
import { platformAccounts, users, weaknessSnapshots } from "../../../database/schema.js";
import { defineTable, eachRow, skip } from "../pipeline.js";
import { imported, type LegacyKind, skipped } from "../types.js";
import { difficultyOf, legacyDate, num, str } from "../values.js";
import { writeMemories } from "../writers.js";
import { attemptTable } from "./attempt-table.js";

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
    defineTable({
      table: "users",
      target: "users (bcrypt hash kept, rehashed at first login)",
      // the row is the account: it has no owner to resolve
      owner: "none",
      map: ({ row }) => row,
      write: eachRow(async ({ key, row }, m) => {
        if (m.run.forcedUserId !== null) {
          m.run.rememberFileUser(m.sourceDb, key, m.run.forcedUserId);
          return skipped(key, "--user given: its rows go to that account, no legacy account is created");
        }
        const email = str(row.email)?.toLowerCase();
        if (!email || !EMAIL.test(email)) return skipped(key, "no valid email address");
        const [existing] = await m.tx.select({ id: users.id }).from(users).where(eq(users.email, email));
        if (existing) {
          m.run.rememberFileUser(m.sourceDb, key, existing.id);
          await m.run.addUserAliases(m.tx, existing.id, { username: str(row.username), email });
          return {
            ...imported(key, "users", existing.id, existing.id),
            linked: "an account with this email exists: legacy rows are linked to it, its password is kept",
          };
        }
        const hash = str(row.password_hash);
        if (!hash || !BCRYPT.test(hash))
          return skipped(key, "password hash is not bcrypt: the account could not log in (sign up again)");
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
        return imported(key, "users", created.id, created.id);
      }),
    }),
    defineTable<undefined, { platform: string; username: string }>({
      table: "user_credentials",
      target: "platform_accounts (username; the old encrypted token is not carried over)",
      owner: { column: "user_id" },
      map({ row }, m) {
        const platform = str(row.platform)?.toLowerCase();
        const username = str(row.username);
        if (!platform || !username) return skip("no platform or username");
        if (str(row.encrypted_token) || str(row.session_cookie))
          m.run.notes.add(
            "Legacy LeetCode/GitHub secrets were encrypted with the old platform's key and are not imported: link the session cookie again (PUT /api/leetcode/link).",
          );
        return { platform, username };
      },
      write: eachRow(async ({ key, userId, row, item }, m) => {
        const [created] = await m.tx
          .insert(platformAccounts)
          .values({
            userId: userId as number,
            platform: item.platform,
            username: item.username,
            lastSyncedAt: legacyDate(row.last_synced),
          })
          .onConflictDoNothing()
          .returning({ id: platformAccounts.id });
        return created
          ? imported(key, "platform_accounts", created.id, userId)
          : skipped(key, `the account already has a ${item.platform} link`);
      }),
    }),
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
    attemptTable({
      table: "user_problem_status",
      precheck: (row) =>
        (str(row.status)?.toLowerCase() ?? "not_started") === "not_started" ? "not started: nothing to record" : null,
      problem(row, m) {
        const problem = m.file.lookup("topic_problems", "id", row.problem_id);
        return problem
          ? {
              slug: str(problem.problem_slug),
              title: str(problem.problem_title),
              difficulty: difficultyOf(problem.difficulty),
              url: str(problem.problem_url),
            }
          : null;
      },
      noProblem: "refers to a problem that is not in the file's topic_problems",
      attempt(row, m) {
        const status = str(row.status)?.toLowerCase();
        return {
          outcome: status === "solved" || status === "reviewed" ? "solved" : "failed",
          attemptedAt: legacyDate(row.solved_at) ?? legacyDate(row.last_attempted) ?? m.now,
          minutes: num(row.time_taken_minutes),
          notes: str(row.notes),
        };
      },
    }),
    {
      table: "user_progress",
      target: "—",
      skip: "per-topic progress is recomputed from attempts and reviews",
    },
    defineTable({
      table: "system_design_progress",
      target: "memories (note)",
      owner: { column: "user_id" },
      map: ({ key, userId, row }, m) => ({
        key,
        userId: userId as number,
        kind: "note" as const,
        text: [
          `System design practice: ${str(row.design_name)}${str(row.category) ? ` (${str(row.category)})` : ""} — ${str(row.status) ?? "not_started"}.`,
          str(row.notes),
          str(row.diagram_url) ? `Diagram: ${str(row.diagram_url)}` : null,
        ]
          .filter(Boolean)
          .join(" "),
        createdAt: legacyDate(row.last_updated) ?? m.now,
      }),
      write: (items, m) =>
        writeMemories(
          m,
          "system_design_progress",
          items.map((i) => i.item),
        ),
    }),
    defineTable<undefined, { topicId: string }>({
      table: "weakness_analysis",
      target: "weakness_snapshots",
      owner: { column: "user_id" },
      async map({ row }, m) {
        const legacyTopic = m.file.lookup("roadmap_topics", "id", row.topic_id);
        const topicId =
          (await m.run.topicFor(m.tx, str(legacyTopic?.name))) ?? (await m.run.topicFor(m.tx, str(row.weakness_name)));
        return topicId ? { topicId } : skip("its topic is not in the roadmap");
      },
      write: eachRow(async ({ key, userId, row, item }, m) => {
        const score = Math.max(0, Math.min(100, (num(row.severity_score) ?? 0) * 10));
        const analysis = str(row.ai_analysis);
        const [snapshot] = await m.tx
          .insert(weaknessSnapshots)
          .values({
            userId: userId as number,
            topicId: item.topicId,
            takenAt: legacyDate(row.created_at) ?? m.now,
            score,
            severity: severityOf(score),
            reason: `${str(row.weakness_name) ?? item.topicId}${analysis ? `: ${analysis.slice(0, 500)}` : ""}`,
            metrics: {
              source: "legacy",
              weaknessType: str(row.weakness_type),
              confidence: num(row.confidence),
              evidence: str(row.evidence),
              recommendations: str(row.recommendations),
            },
          })
          .returning({ id: weaknessSnapshots.id });
        return imported(key, "weakness_snapshots", snapshot.id, userId);
      }),
    }),
    {
      table: "cache_store",
      target: "—",
      skip: "cache entries are rebuilt on demand",
      key: (row) => String(row.cache_key),
    },
    defineTable<undefined, { topicId: string }>({
      table: "user_focus",
      target: "users.focus_topic",
      owner: { column: "user_id" },
      async map({ row }, m) {
        const topicId =
          (await m.run.topicFor(m.tx, str(row.topic_id))) ?? (await m.run.topicFor(m.tx, str(row.topic_name)));
        return topicId ? { topicId } : skip(`focus topic "${str(row.topic_name)}" is not in the roadmap`);
      },
      write: eachRow(async ({ key, userId, item }, m) => {
        const owner = userId as number;
        await m.tx.update(users).set({ focusTopic: item.topicId }).where(eq(users.id, owner));
        return imported(key, "users", owner, owner);
      }),
    }),
    { table: "job_postings", target: "—", skip: "job search is not part of Maang-Tracker" },
    { table: "job_applications", target: "—", skip: "job search is not part of Maang-Tracker" },
  ],
};
