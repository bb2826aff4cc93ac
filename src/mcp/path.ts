// Where MCP is served over HTTP, in a module of its own so the route can be registered without loading
// the MCP SDK (it is imported on the first MCP request instead of at every start).
export const MCP_PATH = "/mcp";
