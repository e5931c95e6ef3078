import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's chromium: playwright cannot download browsers here (.ci/run installs the package). */
export const CHROMIUM = "/usr/bin/chromium";

/** Headless Chromium for a journey; fails, never skips, when it is missing, so a journey cannot pass CI untested. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/**
 * Where a journey keeps its screenshots, `test-output/<journey>/` (git-ignored), and `shot`, which
 * saves the whole page there under `<name>.png`, making the folder on first use.
 */
export function journeyScreenshots(journey: string): { dir: string; shot: (page: Page, name: string) => Promise<Buffer> } {
  const dir = fileURLToPath(new URL(`../../test-output/${journey}/`, import.meta.url));
  return {
    dir,
    async shot(page, name) {
      await mkdir(dir, { recursive: true });
      return page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    },
  };
}
