// Every route module, registered under /api. One file per service; each adds one line here.
import type { AppContext } from "../../app-context.js";
import type { App } from "../app.js";
import { adaptiveRoutes } from "./adaptive.js";
import { attemptsRoutes } from "./attempts.js";
import { authRoutes } from "./auth.js";
import { chatRoutes } from "./chat.js";
import { exportsRoutes } from "./exports.js";
import { interviewsRoutes } from "./interviews.js";
import { leetcodeRoutes } from "./leetcode.js";
import { mcpRoutes } from "./mcp.js";
import { meRoutes } from "./me.js";
import { memoriesRoutes } from "./memories.js";
import { notificationsRoutes } from "./notifications.js";
import { problemsRoutes } from "./problems.js";
import { reviewsRoutes } from "./reviews.js";
import { roadmapRoutes } from "./roadmap.js";
import { scheduleRoutes } from "./schedule.js";
import { statsRoutes } from "./stats.js";
import { todayRoutes } from "./today.js";
import { tokensRoutes } from "./tokens.js";

export async function registerRoutes(app: App, ctx: AppContext): Promise<void> {
  await app.register(
    async (api) => {
      await authRoutes(api, ctx);
      await meRoutes(api, ctx);
      await tokensRoutes(api, ctx);
      await exportsRoutes(api, ctx);
      await problemsRoutes(api, ctx);
      await attemptsRoutes(api, ctx);
      await statsRoutes(api, ctx);
      await reviewsRoutes(api, ctx);
      await roadmapRoutes(api, ctx);
      await todayRoutes(api, ctx);
      await memoriesRoutes(api, ctx);
      await interviewsRoutes(api, ctx);
      await scheduleRoutes(api, ctx);
      await notificationsRoutes(api, ctx);
      await chatRoutes(api, ctx);
      await leetcodeRoutes(api, ctx);
      await adaptiveRoutes(api, ctx);
    },
    { prefix: "/api" },
  );
  // MCP clients expect a bare URL: /mcp sits beside /api, not under it.
  await mcpRoutes(app, ctx);
}
