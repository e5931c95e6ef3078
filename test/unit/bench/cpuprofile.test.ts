import { describe, expect, it } from "vitest";
import { packageOf, summariseProfile, type CpuProfile } from "../../bench/cpuprofile.js";

const nm = "file:///work/app/node_modules";

describe("packageOf", () => {
  it.each([
    [`${nm}/@mikro-orm/knex/AbstractSqlDriver.js`, "MikroORM"],
    [`${nm}/knex/lib/raw.js`, "knex"],
    [`${nm}/tarn/dist/Pool.js`, "knex"],
    [`${nm}/pg-protocol/dist/parser.js`, "pg"],
    [`${nm}/pg/lib/client.js`, "pg"],
    [`${nm}/router/lib/layer.js`, "express"],
    [`${nm}/body-parser/lib/types/json.js`, "express"],
    [`${nm}/@apollo/server/dist/esm/ApolloServer.js`, "apollo"],
    [`${nm}/graphql/execution/execute.js`, "graphql"],
    [`${nm}/type-graphql/build/cjs/index.js`, "type-graphql"],
    [`${nm}/some/node_modules/@scope/inner/index.js`, "@scope/inner"],
    [`${nm}/dataloader/index.js`, "dataloader"],
    ["file:///work/app/dist/src/scim/router.js", "rolebridge"],
    ["file:///work/app/.build/e2a2b577f07b45cb/src/scim/router.js", "rolebridge"],
    ["file:///work/app/.build/e2a2b577f07b45cb/test/bench/server-process.js", "bench server wrapper"],
    ["node:internal/streams/writable", "node (runtime)"],
  ])("%s → %s", (url, pkg) => expect(packageOf(url, "f")).toBe(pkg));

  it("names the runtime's pseudo-frames and charges native functions to the runtime", () => {
    for (const name of ["(garbage collector)", "(program)", "(idle)"]) expect(packageOf("", name)).toBe(name);
    expect(packageOf("", "writeBuffer")).toBe("node (runtime)");
  });
});

describe("summariseProfile", () => {
  // root → pg _send → writeBuffer (native); root → graphql execute; root → (idle)
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: "(root)", url: "" }, children: [2, 4, 5] },
      { id: 2, callFrame: { functionName: "_send", url: `${nm}/pg/lib/connection.js` }, children: [3] },
      { id: 3, callFrame: { functionName: "writeBuffer", url: "" } },
      { id: 4, callFrame: { functionName: "execute", url: `${nm}/graphql/execution/execute.js` } },
      { id: 5, callFrame: { functionName: "(idle)", url: "" } },
    ],
    startTime: 1000,
    endTime: 1000 + 5000,
    // Samples at 2000, 3000, 4000, 5000 (µs); each lasts until the next, the last until endTime.
    samples: [3, 4, 5, 4],
    timeDeltas: [1000, 1000, 1000, 1000],
  };

  it("charges each sample's duration to its leaf's package, idle apart", () => {
    const s = summariseProfile(profile);
    expect(s.busyMs).toBeCloseTo(3);
    expect(s.packages.filter((p) => p.selfMs > 0).map((p) => [p.name, p.selfMs])).toEqual([
      ["graphql", 2],
      ["node (runtime)", 1],
    ]);
  });

  it("charges runtime leaves to their nearest caller in the second figure", () => {
    const byName = new Map(summariseProfile(profile).packages.map((p) => [p.name, p]));
    expect(byName.get("pg")).toMatchObject({ selfMs: 0, withRuntimeMs: 1 });
    expect(byName.get("node (runtime)")).toMatchObject({ selfMs: 1, withRuntimeMs: 0 });
  });

  it("keeps only the samples inside the window", () => {
    const s = summariseProfile(profile, 2500, 4500);
    expect(s.wallMs).toBeCloseTo(2);
    expect(s.samples).toBe(2);
    expect(s.packages.map((p) => [p.name, p.selfMs])).toEqual([["graphql", 1]]);
  });
});
