import { PATCH_OP_SCHEMA, scimUser, USER_SCHEMA } from "../setup/scim-client.js";
import { scimResourceContract } from "./scim-resource.contract.js";

scimResourceContract({
  resourceType: "User",
  endpoint: "/Users",
  newResource: (i) => scimUser(`contract.user.${i}@example.com`, { displayName: `Contract ${i}` }),
  uniqueAttribute: "userName",
  replace: (created) => ({
    body: { schemas: [USER_SCHEMA], userName: created.userName, displayName: "Replaced", active: false },
    expect: { displayName: "Replaced", active: false, name: { givenName: "Test" } },
  }),
  patch: { body: { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: "replace", path: "title", value: "Patched" }] }, expect: { title: "Patched" } },
});
