// Headless Chromium against a running `ponte serve` (started by tests/serve.rs):
//   node reload.mjs URL SITE_ROOT PROFILE_DIR
// The page must reload itself after a content edit, swap its stylesheet without reloading
// after a Sass edit, show an accessible error overlay after a broken edit (the old page still
// there), and reload without the overlay once the mistake is fixed. No Content-Security-Policy
// violation may happen on the way. Prints "browser: all checks passed" on success.
import { chromium } from "playwright-core";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [url, root, profile] = process.argv.slice(2);
if (!url || !root || !profile) {
  console.error("usage: node reload.mjs URL SITE_ROOT PROFILE_DIR");
  process.exit(2);
}
const WAIT = { timeout: 20000 };
setTimeout(() => {
  console.error("browser: gave up after 120 s");
  process.exit(1);
}, 120000).unref();

function edit(rel, from, to) {
  const file = join(root, rel);
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`\`${from}\` is not in ${rel}`);
  // As many editors save: a temporary file (a name ponte ignores), then one rename.
  writeFileSync(`${file}.tmp`, text.replace(from, to));
  renameSync(`${file}.tmp`, file);
}

function check(ok, what) {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`ok: ${what}`);
}

const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const problems = [];
let failed = false;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(String(e)));

  const listening = () => page.waitForFunction(() => window.ponteLive === "open", null, WAIT);
  const mark = () => page.evaluate(() => { window.notReloaded = true; });
  const marked = () => page.evaluate(() => window.notReloaded === true);

  await page.goto(url);
  await listening();
  check((await page.textContent("main")).includes("It happened."), "the page is served");

  // 1. A content edit: the page reloads itself, at the same address.
  await mark();
  edit("content/news/first.en.md", "It happened.", "It happened in the browser.");
  await page.waitForFunction(() => document.body.textContent.includes("in the browser"), null, WAIT);
  check(!(await marked()), "a content edit reloads the page");
  check(page.url() === url, "the reload stays on the same page");
  await listening();

  // 2. A Sass edit: the stylesheet is swapped, the page is not reloaded.
  await mark();
  edit("themes/default/sass/style.scss", "#111", "#abcdef");
  await page.waitForFunction(() => getComputedStyle(document.body).color === "rgb(171, 205, 239)", null, WAIT);
  check(await marked(), "a Sass edit swaps the stylesheet without a reload");

  // 3. A broken edit: an overlay with the error, focused; the last good page stays, and
  // stays where the reader had scrolled to (a small window, so that the page scrolls).
  await page.setViewportSize({ width: 360, height: 240 });
  await page.evaluate(() => window.scrollTo(0, 0));
  check(
    await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 100),
    "the page is longer than the window",
  );
  edit("content/news/first.en.md", "See [the team]", "See [nothing](@/nowhere.md) and [the team]");
  const overlay = page.locator('[role="alert"]');
  await overlay.waitFor({ state: "visible", ...WAIT });
  const report = await overlay.textContent();
  check(report.includes("content/news/first.en.md:7:"), "the overlay shows file:line:col");
  check(
    await page.evaluate(() => document.activeElement?.getAttribute("role") === "alert"),
    "focus moves to the overlay",
  );
  check(await marked(), "the last good page stays while the site has errors");
  check((await page.evaluate(() => window.scrollY)) === 0, "showing the overlay does not scroll the page");

  // A page opened now shows the errors too.
  const second = await context.newPage();
  await second.goto(url);
  await second.locator('[role="alert"]').waitFor({ state: "visible", ...WAIT });
  check(true, "a page loaded while errors exist shows the overlay");
  await second.close();

  // 4. Fixed: the page reloads and the overlay is gone.
  edit("content/news/first.en.md", "See [nothing](@/nowhere.md) and ", "See ");
  await page.waitForFunction(() => window.notReloaded !== true, null, WAIT);
  await listening();
  check((await page.locator('[role="alert"]').count()) === 0, "the fix clears the overlay");

  const csp = problems.filter((p) => /Content Security Policy|Refused to/i.test(p));
  check(csp.length === 0, `no Content-Security-Policy violation ${csp.join(" | ")}`);
  console.log("browser: all checks passed");
} catch (e) {
  failed = true;
  console.error(`browser: ${e.stack ?? e}`);
  if (problems.length) console.error(`console errors: ${problems.join("\n")}`);
} finally {
  await context.close();
}
process.exit(failed ? 1 : 0);
