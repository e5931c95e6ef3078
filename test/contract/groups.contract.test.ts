import { PATCH_OP_SCHEMA } from "../setup/scim-client.js";
import { scimResourceContract } from "./scim-resource.contract.js";

const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

// The shared battery (STYLE §6.3) for Groups: a Group PATCH answers 204 unless attributes are asked for.
scimResourceContract({
  resourceType: "Group",
  endpoint: "/Groups",
  newResource: (i) => ({ schemas: [GROUP_SCHEMA], displayName: `Contract Group ${i}`, externalId: `ext-${i}` }),
  uniqueAttribute: "displayName",
  replace: (created) => ({
    body: { schemas: [GROUP_SCHEMA], displayName: `${created.displayName} replaced`, externalId: "replaced" },
    expect: { displayName: `${created.displayName} replaced`, externalId: "replaced" },
  }),
  patch: { body: { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: "replace", path: "displayName", value: "Patched Group" }] }, expect: { displayName: "Patched Group" } },
  patchStatus: 204,
});
