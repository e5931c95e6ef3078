import { replay } from "../replay.js";

// interop.md, "OneLogin" groups: the fixture is the request sequence, in order.
replay(new URL("./groups.json", import.meta.url));
