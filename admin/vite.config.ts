/**
 * Builds the admin console into static files (`npm run build` puts them in dist/admin), and beside it
 * the GraphQL explorer (explorer.html, served at /graphql) from the same assets folder. Everything
 * is bundled and nothing is inlined into index.html, so the page runs offline and under the
 * server's Content-Security-Policy (script-src 'self', style-src 'self').
 */
import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  base: "/admin/",
  plugins: [react()],
  logLevel: "warn",
  build: {
    // The server serves the console only where a Vite build left its manifest.
    manifest: true,
    emptyOutDir: true,
    // An inlined asset would be a data: URL; keep every asset a file of its own under 'self'.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
    // GraphiQL (with CodeMirror and the GraphQL language service) is one ~720 kB chunk, loaded
    // only at /graphql from this server and cached for good: no reason to warn on every build.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // react-compiler-runtime (a GraphiQL dependency) opens with "use no memo", which means
      // nothing once bundled; the warning about dropping it would print on every `npm start`.
      onLog(level, log, handler) {
        if (log.code === "MODULE_LEVEL_DIRECTIVE" && log.id?.includes("react-compiler-runtime")) return;
        handler(level, log);
      },
      input: {
        console: path.join(import.meta.dirname, "index.html"),
        explorer: path.join(import.meta.dirname, "explorer.html"),
      },
    },
  },
});
