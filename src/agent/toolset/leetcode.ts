// The tool over the LeetCode link: queue a sync of the user's linked account. Input and output are the
// LeetCode contract's, shared with POST /api/leetcode/sync; the "linked first" rule is the service's.
import { requestSyncInput } from "../../services/leetcode/contract.js";
import type { LeetCodeSyncService } from "../../services/leetcode/sync-service.js";
import { type AgentTool, defineTool } from "../tools.js";

export interface LeetCodeToolServices {
  leetcode: LeetCodeSyncService;
}

export function leetcodeTools(services: LeetCodeToolServices): AgentTool[] {
  const { leetcode } = services;
  return [
    defineTool({
      name: "sync_leetcode",
      title: "Sync LeetCode",
      description:
        "Queue a sync of the user's linked LeetCode account: its accepted submissions become attempts (the whole history with a session cookie, else the 20 most recent). Fails when no account is linked.",
      readOnly: false,
      input: requestSyncInput,
      run: ({ id }) => leetcode.requestSync(id),
    }),
  ];
}
