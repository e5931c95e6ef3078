import { writeFile } from "node:fs/promises";
import { buildRolebridgeSchema, printRolebridgeSchema } from "./schema.js";

/** `npm run schema:emit`: writes schema/schema.graphql (a test fails when it is stale). */
const schema = await buildRolebridgeSchema();
await writeFile("schema/schema.graphql", printRolebridgeSchema(schema));
console.log("wrote schema/schema.graphql");
