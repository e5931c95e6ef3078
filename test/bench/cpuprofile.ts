/**
 * Summarises a V8 .cpuprofile (what `node --cpu-prof` writes) by self time per package: each
 * sample is charged to its leaf node, and the leaf's function to the package its script belongs to.
 */

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber?: number }; children?: number[] }[];
  /** µs, on the process's monotonic clock (process.hrtime). */
  startTime: number;
  endTime: number;
  samples: number[];
  /** µs; timeDeltas[i] is the time between sample i - 1 (or startTime) and sample i. */
  timeDeltas: number[];
}

export interface PackageTime {
  name: string;
  selfMs: number;
  /**
   * Self time plus that of the runtime frames ("node (runtime)": socket writes, builtins) this
   * package's code called: each runtime leaf charged to the nearest caller of another package.
   */
  withRuntimeMs: number;
}

export interface FunctionTime {
  name: string;
  where: string;
  pkg: string;
  selfMs: number;
}

export interface ProfileSummary {
  /** The span summarised, ms. */
  wallMs: number;
  /** Time in samples that were not "(idle)", ms. */
  busyMs: number;
  samples: number;
  /** Busy packages (no "(idle)"), most self time first. */
  packages: PackageTime[];
  /** Busy functions, most self time first. */
  functions: FunctionTime[];
}

const RUNTIME = "node (runtime)";

/** Packages reported under one name. */
const GROUPS: [RegExp, string][] = [
  [/^@mikro-orm\//, "MikroORM"],
  // tarn is the connection pool knex brings.
  [/^(knex|tarn)$/, "knex"],
  [/^(pg|pg-protocol|pg-pool|pg-types|pg-connection-string|pgpass|pg-int8|postgres-array|postgres-bytea|postgres-date|postgres-interval)$/, "pg"],
  [
    /^(express|router|body-parser|raw-body|iconv-lite|finalhandler|send|serve-static|on-finished|on-headers|qs|type-is|content-type|content-disposition|accepts|negotiator|mime-types|mime-db|media-typer|cookie|cookie-signature|depd|http-errors|statuses|encodeurl|escape-html|parseurl|path-to-regexp|etag|fresh|range-parser|vary|proxy-addr|forwarded|ipaddr\.js|merge-descriptors|utils-merge|methods|bytes|unpipe|ee-first|setprototypeof|toidentifier|inherits|once|wrappy|safer-buffer|call-bind-apply-helpers|side-channel.*|object-inspect|get-intrinsic|es-errors|function-bind|hasown|math-intrinsics|dunder-proto|get-proto|gopd|es-define-property|es-object-atoms|has-symbols)$/,
    "express",
  ],
  [/^(@apollo\/.*|@as-integrations\/.*|@graphql-tools\/.*|@whatwg-node\/.*|lru-cache|uuid|loglevel|node-abort-controller|whatwg-mimetype|async-retry|retry|sha\.js|lodash\.sortby)$/, "apollo"],
  [/^(pino|pino-std-serializers|sonic-boom|thread-stream|fast-redact|@pinojs\/.*|quick-format-unescaped|atomic-sleep|on-exit-leak-free|safe-stable-stringify|real-require|process-warning|pino-abstract-transport)$/, "pino"],
  [/^(prom-client|tdigest|bintrees)$/, "prom-client"],
  [/^@escape\.tech\//, "graphql-armor"],
  [/^@node-rs\/argon2/, "argon2"],
];

/** The package a script URL belongs to, or the runtime's pseudo-frames by their own names. */
export function packageOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === "(garbage collector)" || functionName === "(program)" || functionName === "(idle)" || functionName === "(root)") return functionName;
    // Builtins and native functions have no script.
    return RUNTIME;
  }
  if (url.startsWith("node:") || !url.includes("/")) return RUNTIME;
  const path = decodeURIComponent(url.replace(/^file:\/\//, ""));
  const at = path.lastIndexOf("/node_modules/");
  if (at >= 0) {
    const parts = path.slice(at + "/node_modules/".length).split("/");
    const pkg = parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
    for (const [pattern, name] of GROUPS) if (pattern.test(pkg)) return name;
    return pkg;
  }
  // Built code runs from .build/<fingerprint>/, which dist links to (scripts/build.mjs).
  if (/\/(dist|\.build\/[^/]+)\/(src|migrations)\//.test(path)) return "rolebridge";
  if (/\/(dist|\.build\/[^/]+)\/test\//.test(path)) return "bench server wrapper";
  return "other";
}

/**
 * Self time per package and per function of the samples taken between `fromUs` and `toUs` (the
 * profile's clock; the whole profile when not given). A sample lasts until the next one.
 */
export function summariseProfile(profile: CpuProfile, fromUs = -Infinity, toUs = Infinity): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const pkgOf = (id: number) => {
    const { url, functionName } = byId.get(id)!.callFrame;
    return packageOf(url, functionName);
  };
  /** The package of the nearest caller that is not the runtime; the runtime when none is. */
  const callerOf = (id: number) => {
    for (let at = parents.get(id); at !== undefined; at = parents.get(at)) {
      const pkg = pkgOf(at);
      if (pkg !== RUNTIME && pkg !== "(root)") return pkg;
    }
    return RUNTIME;
  };
  const packages = new Map<string, number>();
  const withRuntime = new Map<string, number>();
  const functions = new Map<string, FunctionTime>();
  let t = profile.startTime;
  let first = Infinity;
  let last = -Infinity;
  let busyUs = 0;
  let count = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const next = i + 1 < profile.samples.length ? t + (profile.timeDeltas[i + 1] ?? 0) : profile.endTime;
    if (t < fromUs || t >= toUs) continue;
    const duration = Math.max(0, Math.min(next, toUs) - t);
    first = Math.min(first, t);
    last = Math.max(last, t + duration);
    count++;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    const { url, functionName, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName);
    if (pkg === "(idle)") continue;
    busyUs += duration;
    packages.set(pkg, (packages.get(pkg) ?? 0) + duration);
    const charged = pkg === RUNTIME ? callerOf(node.id) : pkg;
    withRuntime.set(charged, (withRuntime.get(charged) ?? 0) + duration);
    const where = url ? `${url.replace(/^.*\/node_modules\//, "").replace(/^.*\/(dist|\.build\/[^/]+)\//, "dist/")}:${(lineNumber ?? 0) + 1}` : "";
    const key = `${functionName}\u0000${where}`;
    const f = functions.get(key) ?? { name: functionName || "(anonymous)", where, pkg, selfMs: 0 };
    f.selfMs += duration / 1000;
    functions.set(key, f);
  }
  const span = Number.isFinite(fromUs) && Number.isFinite(toUs) ? toUs - fromUs : last - first;
  return {
    wallMs: Math.max(0, span) / 1000,
    busyMs: busyUs / 1000,
    samples: count,
    packages: [...new Set([...packages.keys(), ...withRuntime.keys()])]
      .map((name) => ({ name, selfMs: (packages.get(name) ?? 0) / 1000, withRuntimeMs: (withRuntime.get(name) ?? 0) / 1000 }))
      .sort((a, b) => b.selfMs - a.selfMs),
    functions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs),
  };
}
