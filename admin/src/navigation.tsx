import { type MouseEvent, type ReactNode, useEffect, useState } from "react";

/**
 * The console's pages live under /admin/… and the server answers every such path with
 * index.html, so links are real links (open in a new tab, keyboard, reload) and a click only
 * swaps the page in place through the History API.
 */
const CHANGE = "rolebridge:navigate";

export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener("popstate", update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return path;
}

export function navigate(path: string): void {
  if (window.location.pathname === path) return;
  window.history.pushState(null, "", path);
  window.dispatchEvent(new Event(CHANGE));
}

/** A link within the console, marked as the current page when it is. */
export function NavLink({ to, current, children }: { to: string; current: boolean; children: ReactNode }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    // A modified click (new tab, new window) is the browser's.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={follow} aria-current={current ? "page" : undefined}>
      {children}
    </a>
  );
}
