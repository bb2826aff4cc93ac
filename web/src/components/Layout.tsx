// The frame around every signed-in page: the navigation (a menu button on phones) and the account menu.
import { type ReactNode, useEffect, useState } from "react";
import { PAGES } from "../pages";
import { Link } from "../router";
import { useSession } from "../session";

export function Layout({ current, children }: { current: string | undefined; children: ReactNode }) {
  const { user, logout } = useSession();
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu on every page change
  useEffect(() => {
    setOpen(false);
  }, [current]);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Maang-Tracker
        </Link>
        <button
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen(!open)}
        >
          Menu
        </button>
      </header>
      <nav id="main-nav" className={open ? "nav open" : "nav"} aria-label="Main">
        <ul>
          {PAGES.map((p) => (
            <li key={p.path}>
              <Link to={p.path} aria-current={p.path === current ? "page" : undefined}>
                {p.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="nav-foot">
          <span className="who" title={user.email}>
            {user.name || user.email}
          </span>
          <button type="button" className="link" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
