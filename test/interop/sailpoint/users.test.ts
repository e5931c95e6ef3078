import { replay } from "../replay.js";

// interop.md, "SailPoint IdentityNow" and seed 004: the fixture is the request sequence, in order.
replay(new URL("./users.json", import.meta.url));
