/**
 * The console's own routes under /admin, kept in the address bar with the History API so a
 * reload or a shared link opens the same page (the server answers every /admin path with
 * index.html). A handful of paths does not need a router library's weight in the bundle.
 */
import { type MouseEvent, useEffect, useState } from "react";

const NAVIGATED = "rolebridge:navigated";

/** Shows `path`; with `replace`, in place of the current entry of the history (nothing to go back to). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The current path (and query), re-rendering on navigation and on the browser's back and forward. */
export function usePath(): string {
  const [path, setPath] = useState(() => window.location.pathname + window.location.search);
  useEffect(() => {
    const update = () => setPath(window.location.pathname + window.location.search);
    window.addEventListener("popstate", update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return path;
}

/** A click on a console link changes the page in place; a modified click (new tab) is the browser's. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute("href")!);
}
