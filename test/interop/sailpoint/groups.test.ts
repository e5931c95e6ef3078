import { replay } from "../replay.js";

// interop.md, "SailPoint IdentityNow" groups: the fixture is the request sequence, in order.
replay(new URL("./groups.json", import.meta.url));
