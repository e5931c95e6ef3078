import type { AnchorHTMLAttributes } from "react";
import { followLink } from "./navigation";

/** An ordinary link (keyboard, middle-click and copy work) that changes the console's page in place. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={followLink} />;
}
