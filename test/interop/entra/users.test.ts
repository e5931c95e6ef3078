import { replay } from "../replay.js";

// interop.md, "Microsoft Entra ID": the fixture is the request sequence, in order.
replay(new URL("./users.json", import.meta.url));
