// Personal API tokens for scripts and MCP clients.
// Inputs and outputs are the accounts contract's (src/services/accounts/contract.ts).
import { z } from "zod";
import type { AppContext } from "../../app-context.js";
import { createdTokenView, createTokenInput, tokenIdParams, tokensView } from "../../services/accounts/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";

export async function tokensRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/tokens",
    {
      schema: {
        tags: ["tokens"],
        summary: "Your API tokens (never the token itself)",
        response: { 200: tokensView, ...errorResponses },
      },
    },
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
        body: createTokenInput,
        response: { 201: createdTokenView, ...errorResponses },
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
        params: tokenIdParams,
        response: { 204: z.null().describe("revoked"), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await ctx.tokens.revoke(user.id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
