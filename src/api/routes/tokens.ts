// Personal API tokens for scripts and MCP clients.
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";

export async function tokensRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/tokens",
    { schema: { tags: ["tokens"], summary: "Your API tokens (never the token itself)" } },
    async (request) => {
      const user = requireUser(request);
      return { tokens: await ctx.tokens.list(user.id) };
    },
  );

  app.post(
    "/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "Create an API token; the response is the only time it is shown",
        body: z.object({ name: z.string().trim().min(1, "is required").max(100) }).strict(),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await ctx.tokens.create(user.id, request.body.name);
      return reply.status(201).send({ token: created });
    },
  );

  app.delete(
    "/tokens/:id",
    {
      schema: {
        tags: ["tokens"],
        summary: "Revoke an API token",
        params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }).strict(),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await ctx.tokens.revoke(user.id, request.params.id);
      return reply.status(204).send();
    },
  );
}
