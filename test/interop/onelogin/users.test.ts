import { replay } from "../replay.js";

// interop.md, "OneLogin": the fixture is the request sequence, in order.
replay(new URL("./users.json", import.meta.url));
