// Download the user's own data (json, csv zip, xlsx) and restore a json export into an empty account.
// Inputs and outputs are the export contract's (src/services/export/contract.ts).
import type { AppContext } from "../../app-context.js";
import { exportFileView, exportInput, importInput, importReportView } from "../../services/export/contract.js";
import type { App } from "../app.js";
import { requireUser } from "../auth.js";
import { errorResponses } from "./error-schema.js";

export async function exportsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    "/export",
    {
      schema: {
        tags: ["export"],
        summary: "Download all your data: json (one document), csv (a zip, one file per kind) or xlsx",
        querystring: exportInput,
        response: { 200: exportFileView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const file = await ctx.exports.export(user.id, request.query.format);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .header("cache-control", "no-store")
        .send(file.body);
    },
  );

  app.post(
    "/import",
    {
      // An export of a busy account is larger than the API's usual 2 MB body limit (IMPORT_MAX_MB).
      bodyLimit: ctx.settings.server.importMaxBytes,
      schema: {
        tags: ["export"],
        summary: "Restore a json export into this account (it must have no data yet); all or nothing",
        body: importInput,
        response: { 201: importReportView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const report = await ctx.exports.import(user.id, request.body);
      return reply.status(201).send(report);
    },
  );
}
