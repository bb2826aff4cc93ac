// Every route module, registered under /api. One file per service; each adds one line here.
import type { AppContext } from "../../app-context.js";
import type { App } from "../app.js";

export async function registerRoutes(app: App, ctx: AppContext): Promise<void> {
  await app.register(
    async (api) => {
      void api;
      void ctx;
    },
    { prefix: "/api" },
  );
}
