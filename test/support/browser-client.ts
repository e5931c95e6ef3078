/**
 * A browser's part in a redirect-based sign-in, over real HTTP: it keeps cookies (per host, whatever
 * the port, as browsers do, RFC 6265 §8.5, honouring Path and expiry) and follows redirects one
 * at a time, so a test can look at, or change, each hop.
 */
interface StoredCookie {
  value: string;
  path: string;
  host: string;
  expires?: number;
}

export interface Hop {
  url: string;
  status: number;
  location?: string;
}

export class BrowserClient {
  private readonly cookies = new Map<string, StoredCookie>();
  /** Every request of the last `navigate`, in order. */
  hops: Hop[] = [];

  /** The cookie header a request to `url` sends. */
  cookieHeader(url: string): string {
    const u = new URL(url);
    const now = Date.now();
    return [...this.cookies.entries()]
      .filter(([, c]) => c.host === u.hostname && u.pathname.startsWith(c.path) && (c.expires === undefined || c.expires > now))
      .map(([key, c]) => `${key.split("\u0000")[0]}=${c.value}`)
      .join("; ");
  }

  /** Puts a cookie in the jar as if `url`'s server had set it (e.g. a console session signed in beforehand). */
  setCookie(url: string, name: string, value: string, path = "/"): void {
    this.cookies.set(`${name}\u0000${path}`, { value, path, host: new URL(url).hostname });
  }

  cookie(name: string): string | undefined {
    for (const [key, c] of this.cookies) if (key.split("\u0000")[0] === name && (c.expires === undefined || c.expires > Date.now())) return c.value;
    return undefined;
  }

  private store(url: string, setCookies: string[]): void {
    const u = new URL(url);
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(";").map((p) => p.trim());
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      let path = u.pathname.replace(/\/[^/]*$/, "") || "/";
      let expires: number | undefined;
      for (const attr of attrs) {
        const [k, v = ""] = attr.split("=");
        const key = k!.toLowerCase();
        if (key === "path") path = v;
        if (key === "max-age") expires = Date.now() + Number(v) * 1000;
        if (key === "expires" && expires === undefined) expires = Date.parse(v);
      }
      const id = `${name}\u0000${path}`;
      if ((expires !== undefined && expires <= Date.now()) || value === "") this.cookies.delete(id);
      else this.cookies.set(id, { value, path, host: u.hostname, expires });
    }
  }

  /** One request, with the jar's cookies, storing what it sets; redirects are not followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set("cookie", cookie);
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(url, res.headers.getSetCookie());
    return res;
  }

  /**
   * Opens `url` as a top-level navigation and follows its redirects (a 303 or a 302 becomes a GET).
   * `rewrite` may change the URL of any hop before it is requested (a test tampering with the
   * callback). Returns the final response, whose body is unread.
   */
  async navigate(url: string, rewrite: (next: string) => string = (u) => u): Promise<Response> {
    this.hops = [];
    let next = rewrite(url);
    for (let i = 0; i < 20; i++) {
      const res = await this.request(next);
      const location = res.headers.get("location") ?? undefined;
      this.hops.push({ url: next, status: res.status, location });
      if (res.status < 300 || res.status >= 400 || !location) return res;
      await res.arrayBuffer();
      next = rewrite(new URL(location, next).href);
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }
}
