import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// vitest's default transform (oxc/esbuild) emits no decorator metadata, which
// MikroORM and type-graphql read; swc does (see mikro-orm/express-ts-example-app).
export default defineConfig({
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
