// The app shell: who is signed in, the navigation, and which page shows. A 401 from any request brings
// the login form back in place (drafts stay in sessionStorage) and returns to the same page afterwards.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, onSessionExpired, request } from "./api";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { Layout } from "./components/Layout";
import { Spinner } from "./components/ui";
import { PAGES } from "./pages";
import { AuthPage } from "./pages/AuthPage";
import { navigate, useLocation } from "./router";
import { rememberReturnPath, type Session, SessionContext, takeReturnPath, type User } from "./session";

const ACCOUNT_KNOWN_KEY = "maang.accountKnown";

function markAccountKnown(): void {
  try {
    localStorage.setItem(ACCOUNT_KNOWN_KEY, "1");
  } catch {
    // private mode: the login form is one click away
  }
}

/** /login and /signup as asked; anywhere else a browser that never signed in here is shown the signup form. */
function authMode(path: string): "login" | "signup" {
  if (path === "/signup") return "signup";
  if (path === "/login") return "login";
  try {
    return localStorage.getItem(ACCOUNT_KNOWN_KEY) ? "login" : "signup";
  } catch {
    return "login";
  }
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const { path } = useLocation();

  // whether someone was signed in in this tab: only then does a 401 mean "your session has ended"
  const signedInRef = useRef(false);
  signedInRef.current = Boolean(user);

  useEffect(() => {
    // a visitor who is not signed in is no news: the first check never announces its 401
    request<{ user: User }>("/me", { quiet401: true })
      .then((r) => setUser(r.user))
      .catch(() => setUser(null));
  }, []);

  useEffect(() => {
    const stop = onSessionExpired(() => {
      if (signedInRef.current) {
        rememberReturnPath(location.pathname + location.search);
        setExpired(true);
      }
      setUser(null);
    });
    return () => {
      stop();
    };
  }, []);

  const signedIn = useCallback((u: User) => {
    markAccountKnown();
    setUser(u);
    setExpired(false);
    const back = takeReturnPath();
    if (back) navigate(back, { replace: true });
    else if (location.pathname === "/login" || location.pathname === "/signup") navigate("/", { replace: true });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post("/auth/logout");
    } finally {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith("maang.")) sessionStorage.removeItem(key);
      setUser(null);
      navigate("/login");
    }
  }, []);

  if (user === undefined)
    return (
      <main className="boot">
        <Spinner label="Loading Maang-Tracker…" />
      </main>
    );
  if (user === null) return <AuthPage mode={authMode(path)} expired={expired} onSignedIn={signedIn} />;

  const session: Session = { user, setUser, logout };
  const page = PAGES.find((p) => p.path === path) ?? PAGES.find((p) => path.startsWith(`${p.path}/`) && p.path !== "/");
  const Page = page?.component;
  return (
    <SessionContext.Provider value={session}>
      <Layout current={page?.path}>
        {Page ? (
          <ErrorBoundary resetKey={path}>
            <Page />
          </ErrorBoundary>
        ) : (
          <section>
            <h1>Page not found</h1>
            <p>There is no page at {path}.</p>
          </section>
        )}
      </Layout>
    </SessionContext.Provider>
  );
}
