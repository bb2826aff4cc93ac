// The signed-in user, shared by every page.
import { createContext, useContext } from "react";
import type { ApiOk } from "./api-schema";

/** The account as GET /api/me answers it (generated from the accounts contract). */
export type User = ApiOk<"/api/me", "get">["user"];

export interface Session {
  user: User;
  setUser: (user: User) => void;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in page");
  return session;
}

const RETURN_TO = "maang.returnTo";

export function rememberReturnPath(path: string): void {
  if (path !== "/login" && path !== "/signup") sessionStorage.setItem(RETURN_TO, path);
}

export function takeReturnPath(): string | null {
  const path = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return path;
}
