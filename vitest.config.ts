import { createRequire } from "node:module";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// vitest's default transform (oxc/esbuild) emits no decorator metadata, which
// MikroORM and type-graphql read; swc does (see mikro-orm/express-ts-example-app).
const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has CommonJS (main) and ESM (module) builds but no "exports" map: Node (and so
    // type-graphql and Apollo) load the CommonJS one, vite would pick the ESM one for our code,
    // and two graphql instances refuse each other's schemas. Pin ours to the one Node loads.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  plugins: [swc.vite({ tsconfigFile: false, jsc: { target: "es2022", parser: { syntax: "typescript", decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, keepClassNames: true } })],
  test: {
    globalSetup: ["test/setup/global-setup.ts"],
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    reporters: ["default"],
  },
});
