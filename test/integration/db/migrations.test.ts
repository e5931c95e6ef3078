import { MikroORM } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratorOf } from "../../../src/db/migrate.js";
import { ormConfig } from "../../../src/db/mikro-orm.config.js";
import { cloneTemplateDatabase } from "../../setup/db.js";

let orm: MikroORM;

beforeAll(async () => {
  orm = await MikroORM.init(ormConfig({ clientUrl: await cloneTemplateDatabase(), poolMax: 2 }));
});
afterAll(() => orm?.close(true));

describe("migrations and entities agree", () => {
  it("a migrated database needs no statement to match the entities", async () => {
    expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe("");
  });

  it("the snapshot the next migration is diffed against matches the entities (npm run migration:create would write nothing)", async () => {
    expect(await (await migratorOf(orm)).checkMigrationNeeded()).toBe(false);
  });
});
