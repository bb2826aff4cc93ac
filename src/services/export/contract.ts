// The export use cases' contract, written once: downloading one's data in a file format and restoring a
// json export — what they accept and return. The REST routes and the CLI (`maang export`) use these; the
// document's own shape is checked by the service (export-schema.ts), which knows every version it reads.
import { z } from "zod";

export const EXPORT_FILE_FORMATS = ["json", "csv", "xlsx"] as const;
export type ExportFileFormat = (typeof EXPORT_FILE_FORMATS)[number];

export const exportFormatSchema = z.enum(EXPORT_FILE_FORMATS, {
  message: `must be one of ${EXPORT_FILE_FORMATS.join(", ")}`,
});

export const exportInput = z
  .object({
    format: exportFormatSchema.default("json").describe("json (one document), csv (a zip, one file per kind) or xlsx"),
  })
  .strict();

/** A json export, as `GET /api/export?format=json` wrote it. */
export const importInput = z.record(z.string(), z.unknown()).describe("a json export (GET /api/export)");

export const exportFileView = z.unknown().describe("the file, as an attachment (application/json, zip or xlsx)");

export const importReportView = z.object({
  counts: z.record(z.string(), z.number().int()).describe("rows restored, per kind"),
});
