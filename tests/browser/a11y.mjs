// Headless Chromium over every page of a built site (started by tests/a11y.rs):
//   node a11y.mjs PUBLIC_DIR PROFILE_DIR SAFETY_JSON
// SAFETY_JSON is {"default_language": "en", "exit_url": URL, "exit_urls": {LANG: URL, ...}},
// the [safety] settings of ponte.toml, to check each page's quick exit against.
//
// The folder is served by a tiny static server on 127.0.0.1 (with the headers of its
// generated `_headers` file, so the Content-Security-Policy is the one a real host sends).
// On every HTML page (alias pages that only redirect are skipped):
//   - axe-core at the WCAG 2.2 AA tags, at 1280 px and at 320 px wide: no violation;
//   - no request to any host but 127.0.0.1, no console error, no CSP violation;
//   - the quick exit: a link to the neutral site of the page's language, rel="noreferrer",
//     the first thing Tab reaches, at least 24×24 CSS px;
//   - reflow at 320 px: the page itself never scrolls sideways.
// Then the quick exit itself: without JavaScript (a plain link, no Referer sent); with
// JavaScript by click, by Shift×3 and by Escape×2 (location.replace: history does not grow,
// Back does not return to the page); the `pageshow` handler clearing the blank screen; and
// WCAG 2.4.11: tabbing forwards and backwards through the longest pages, the sticky exit bar
// never hides the focused element. The neutral sites are answered locally (page.route):
// nothing leaves the machine. Prints "a11y: all checks passed" on success.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, normalize, relative, sep } from "node:path";

const [publicDir, profile, safetyJson] = process.argv.slice(2);
if (!publicDir || !profile || !safetyJson) {
  console.error("usage: node a11y.mjs PUBLIC_DIR PROFILE_DIR SAFETY_JSON");
  process.exit(2);
}
const safety = JSON.parse(safetyJson);
const LIMIT_MS = Number(process.env.PONTE_A11Y_TIMEOUT_MS || 480000);
const WAIT = { timeout: 20000 };
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };
const WORKERS = 4;

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let browsers = [];
let server = null;
async function shutdown() {
  for (const b of browsers) await b.close().catch(() => {});
  browsers = [];
  server?.close();
  server?.closeAllConnections?.();
}
setTimeout(async () => {
  console.error(`a11y: gave up after ${LIMIT_MS / 1000} s`);
  // Closing the browsers may itself hang: never wait more than a few seconds for it.
  setTimeout(() => process.exit(1), 5000).unref();
  await shutdown();
  process.exit(1);
}, LIMIT_MS).unref();

// ---------------------------------------------------------------------------------------
// The static server.

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".csv": "text/csv; charset=utf-8",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".json": "application/json",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".odt": "application/vnd.oasis.opendocument.text",
};

/** The headers of the `/*` block of `_headers` (Netlify/Cloudflare format). */
function siteHeaders() {
  let text;
  try {
    text = readFileSync(join(publicDir, "_headers"), "utf8");
  } catch {
    return {};
  }
  const headers = {};
  let inAll = false;
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      inAll = line.trim() === "/*";
      continue;
    }
    const colon = line.indexOf(":");
    if (inAll && colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function serve() {
  const headers = siteHeaders();
  const root = normalize(publicDir);
  const srv = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    let status = 200;
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      statSync(file);
    } catch {
      status = 404;
      const lang = path.split("/")[1];
      file = join(root, lang, "404.html");
      try {
        statSync(file);
      } catch {
        file = join(root, "404.html");
      }
    }
    let body;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(status, {
      ...headers,
      "Content-Type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": body.length,
      "Cache-Control": "no-cache",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve(srv)));
}

// ---------------------------------------------------------------------------------------
// Helpers.

const failures = [];
function fail(what) {
  failures.push(what);
  console.error(`FAIL: ${what}`);
}
function check(ok, what) {
  if (ok) console.log(`ok: ${what}`);
  else fail(what);
  return ok;
}

/** Every HTML page of the site, as paths under the site (`/en/about/`, `/en/404.html`). */
function sitePages() {
  const pages = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith(".html")) {
        const html = readFileSync(file, "utf8");
        // An alias page only redirects: nothing to read there.
        if (/<meta[^>]+http-equiv=["']?refresh/i.test(html) && !/<main[\s>]/i.test(html)) continue;
        const rel = "/" + relative(publicDir, file).split(sep).join("/");
        pages.push(rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel);
      }
    }
  };
  walk(publicDir);
  return pages;
}

function pageLanguage(path) {
  const first = path.split("/")[1];
  return first in (safety.exit_urls ?? {}) || /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(first) && !first.includes(".")
    ? first
    : null;
}

function exitUrlFor(lang) {
  return safety.exit_urls?.[lang ?? safety.default_language] ?? safety.exit_url;
}
const exitUrls = new Set([safety.exit_url, ...Object.values(safety.exit_urls ?? {})]);
const EXIT_PAGE = "<!DOCTYPE html><html lang=\"en\"><title>Neutral site</title><p>A neutral page (answered by the test).";

const launchArgs = (dir) => ({
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
    `--user-data-dir=${dir}`,
  ],
});

async function launch(dir, options = {}) {
  mkdirSync(dir, { recursive: true });
  const { args, ...rest } = launchArgs(dir);
  // launchPersistentContext passes --user-data-dir itself.
  const context = await chromium.launchPersistentContext(dir, {
    ...rest,
    args: args.filter((a) => !a.startsWith("--user-data-dir")),
    viewport: WIDE,
    ...options,
  });
  browsers.push(context);
  // The safety net: nothing may reach another host. The neutral exit sites are answered
  // here, on this machine; anything else is refused (and reported by the request log).
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => {
      const url = route.request().url();
      if (exitUrls.has(url) && route.request().isNavigationRequest()) {
        return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: EXIT_PAGE });
      }
      return route.abort("blockedbyclient");
    },
  );
  return context;
}

function isLocal(url, origin) {
  return url.startsWith(origin + "/") || url.startsWith("data:") || url === "about:blank";
}

// ---------------------------------------------------------------------------------------
// Per-page checks.

async function runAxe(page) {
  const loaded = await page.evaluate(() => typeof window.axe === "object");
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    TAGS,
  );
}

function reportAxe(path, width, results) {
  let count = 0;
  for (const v of results.violations) {
    for (const node of v.nodes) {
      count += 1;
      fail(
        `${path} @${width}px: axe ${v.id} (${v.impact}) at ${node.target.join(" ")}: ${v.help}` +
          (node.failureSummary ? `\n      ${node.failureSummary.replace(/\n/g, "\n      ")}` : ""),
      );
    }
  }
  return count;
}

async function checkPage(page, origin, path, stats) {
  const requests = [];
  const problems = [];
  const onRequest = (r) => requests.push(r.url());
  const onConsole = (m) => {
    if (m.type() === "error" || /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  };
  const onError = (e) => problems.push(String(e));
  page.on("request", onRequest);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  try {
    await page.setViewportSize(WIDE);
    const response = await page.goto(origin + path, { waitUntil: "load", ...WAIT });
    if (response?.status() !== 200) fail(`${path}: HTTP ${response?.status()}`);

    const lang = pageLanguage(path);
    const htmlLang = await page.evaluate(() => document.documentElement.lang);
    if (lang && htmlLang !== lang) fail(`${path}: <html lang="${htmlLang}">, expected "${lang}"`);

    // The quick exit: a real link to this language's neutral site, first in the tab order.
    const link = await page.evaluate(() => {
      const a = document.getElementById("quick-exit");
      return a && { tag: a.tagName, href: a.getAttribute("href"), rel: a.getAttribute("rel") ?? "" };
    });
    if (!link) fail(`${path}: no #quick-exit`);
    else {
      const expected = exitUrlFor(lang);
      if (link.tag !== "A" || link.href !== expected)
        fail(`${path}: the quick exit is <${link.tag.toLowerCase()} href="${link.href}">, expected a link to ${expected}`);
      if (!link.rel.split(/\s+/).includes("noreferrer")) fail(`${path}: the quick exit lacks rel="noreferrer"`);
    }
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => document.activeElement?.id || document.activeElement?.outerHTML.slice(0, 80));
    if (first !== "quick-exit") fail(`${path}: Tab from a fresh page reaches ${first}, not the quick exit`);
    await page.evaluate(() => document.activeElement?.blur());

    for (const viewport of [WIDE, NARROW]) {
      await page.setViewportSize(viewport);
      // On a narrow screen the menu folds behind its button: check it open.
      if (viewport === NARROW) await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
      const box = await page.locator("#quick-exit").boundingBox();
      if (!box || box.width < 24 || box.height < 24)
        fail(`${path} @${viewport.width}px: the quick exit is ${box?.width}×${box?.height} CSS px, under 24×24`);
      const results = await runAxe(page);
      stats.violations += reportAxe(path, viewport.width, results);
    }

    // Reflow (WCAG 1.4.10): at 320 px the page itself never scrolls sideways.
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      height: document.documentElement.scrollHeight,
    }));
    if (widths.scroll > NARROW.width + 1 || widths.body > NARROW.width + 1) {
      // Name what sticks out: elements, and text that overflows its element (a long word).
      const wide = await page.evaluate((limit) => {
        const inScroller = (el) => {
          for (let p = el; p && p !== document.body; p = p.parentElement)
            if (/(auto|scroll)/.test(getComputedStyle(p).overflowX)) return true;
          return false;
        };
        const name = (el) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().replace(/\s+/g, ".") : ""}`;
        const out = [];
        for (const el of document.body.querySelectorAll("*")) {
          const r = el.getBoundingClientRect();
          if (r.right > limit + 1 && !inScroller(el)) out.push(`${name(el)} (right edge ${Math.round(r.right)})`);
        }
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(n);
          const right = Math.max(0, ...[...range.getClientRects()].map((q) => q.right));
          if (right > limit + 1 && !inScroller(n.parentElement))
            out.push(`text "${n.textContent.trim().slice(0, 40)}" in ${name(n.parentElement)} (right edge ${Math.round(right)})`);
        }
        return out.slice(0, 5);
      }, NARROW.width);
      fail(`${path} @320px: the page scrolls sideways (scrollWidth ${widths.scroll}): ${wide.join(", ")}`);
    }
    stats.heights.push({ path, height: widths.height });
  } catch (e) {
    fail(`${path}: ${e.message ?? e}`);
  } finally {
    page.off("request", onRequest);
    page.off("console", onConsole);
    page.off("pageerror", onError);
  }
  const outside = requests.filter((u) => !isLocal(u, origin));
  for (const u of outside) fail(`${path}: a request left 127.0.0.1: ${u}`);
  for (const p of problems) fail(`${path}: console: ${p}`);
  stats.requests += requests.length;
}

// ---------------------------------------------------------------------------------------
// The quick exit itself.

/** Triggers the exit with `act` on a fresh tab at `path` and checks it left by replace. */
async function exitBy(context, origin, path, how, act) {
  const page = await context.newPage();
  try {
    const expected = exitUrlFor(pageLanguage(path));
    // The page must go blank (and lose its title) before the neutral site arrives.
    let blankWhileLeaving = null;
    await page.exposeFunction("ponteSawBlank", (titleGone) => {
      blankWhileLeaving ??= titleGone;
    });
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.body?.classList.contains("exiting")) window.ponteSawBlank(document.title === "");
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ["class"] });
    });
    const exitRequests = [];
    page.on("request", (r) => {
      if (r.url() === expected) exitRequests.push(r);
    });
    await page.goto(origin + path, WAIT);
    await page.waitForFunction(() => document.readyState === "complete", null, WAIT);
    const before = await page.evaluate(() => history.length);
    await act(page);
    await page.waitForURL(expected, WAIT);
    await page.waitForLoadState("load");
    const after = await page.evaluate(() => history.length);
    check(after === before, `${how} on ${path}: location.replace (history.length ${before} → ${after})`);
    check(blankWhileLeaving === true, `${how} on ${path}: the page is blank while the neutral site loads`);
    const referer = exitRequests[0]?.headers()["referer"];
    check(exitRequests.length > 0 && !referer, `${how} on ${path}: the neutral site gets no Referer (${referer ?? "none"})`);
    await page.goBack({ timeout: 3000 }).catch(() => null);
    await page.waitForTimeout(300);
    check(!page.url().startsWith(origin), `${how} on ${path}: Back does not return to the site (at ${page.url()})`);
  } catch (e) {
    fail(`${how} on ${path}: ${e.message ?? e}`);
  } finally {
    await page.close();
  }
}

async function exitWithoutScript(context, origin, path) {
  const page = await context.newPage();
  try {
    const expected = exitUrlFor(pageLanguage(path));
    await page.goto(origin + path, WAIT);
    await page.keyboard.press("Tab");
    const focused = await page.locator(":focus").getAttribute("id").catch(() => null);
    check(focused === "quick-exit", `no JavaScript, ${path}: Tab reaches the quick exit first (${focused})`);
    const request = page.waitForRequest(expected, WAIT);
    await page.keyboard.press("Enter");
    const r = await request;
    await page.waitForURL(expected, WAIT);
    check(!r.headers()["referer"], `no JavaScript, ${path}: the link leads to ${expected} with no Referer`);
    await page.goBack(WAIT);
    check(!(await page.locator(".exit-hint").isVisible()), `no JavaScript, ${path}: no hint about a shortcut that needs the script`);
  } catch (e) {
    fail(`no JavaScript, ${path}: ${e.message ?? e}`);
  } finally {
    await page.close();
  }
}

async function exitNotByTyping(context, origin, path) {
  const page = await context.newPage();
  try {
    await page.goto(origin + path, WAIT);
    await page.waitForFunction(() => document.readyState === "complete", null, WAIT);
    for (const key of ["Shift", "a", "Shift", "Shift", "b", "Escape", "c", "Escape"]) await page.keyboard.press(key);
    await page.waitForTimeout(800);
    check(
      page.url() === origin + path && !(await page.evaluate(() => document.body.classList.contains("exiting"))),
      `${path}: Shift and Escape between other keys do not leave`,
    );
  } catch (e) {
    fail(`typing on ${path}: ${e.message ?? e}`);
  } finally {
    await page.close();
  }
}

async function pageshowClearsBlank(context, origin, path, other) {
  const page = await context.newPage();
  try {
    await page.goto(origin + path, WAIT);
    await page.waitForFunction(() => document.readyState === "complete", null, WAIT);
    const cleared = await page.evaluate(() => {
      document.body.classList.add("exiting");
      window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
      return !document.body.classList.contains("exiting");
    });
    check(cleared, `${path}: a pageshow event clears the blank screen`);
    // The real thing, when this browser keeps pages in its back/forward cache.
    // Blank as the page goes into the cache (after any handler of the theme's own).
    await page.evaluate(() => {
      window.ponteMarker = true;
      window.addEventListener("pagehide", () => document.body.classList.add("exiting"));
    });
    await page.goto(origin + other, WAIT);
    // A page restored from the cache fires no `load`: wait for the commit only.
    await page.goBack({ waitUntil: "commit", ...WAIT });
    await page.waitForFunction(() => document.readyState === "complete", null, WAIT);
    const state = await page.evaluate(() => ({
      restored: window.ponteMarker === true,
      blank: document.body.classList.contains("exiting"),
    }));
    if (state.restored) check(!state.blank, `${path}: restored from the back/forward cache, the page is not blank`);
    else fail(`${path} was not restored from the back/forward cache: the real pageshow was not checked`);
  } catch (e) {
    fail(`pageshow on ${path}: ${e.message ?? e}`);
  } finally {
    await page.close();
  }
}

/** On a phone the header is short: the menu folds behind a button that works by keyboard. */
async function phoneHeader(context, origin, path) {
  const page = await context.newPage();
  try {
    const phone = { width: 412, height: 915 };
    await page.setViewportSize(phone);
    await page.goto(origin + path, WAIT);
    await page.waitForFunction(() => document.readyState === "complete", null, WAIT);
    const hint = await page.evaluate(() => {
      const h = document.querySelector(".exit-hint");
      return h && !h.hidden && document.getElementById("quick-exit").getAttribute("aria-describedby") === h.id;
    });
    check(hint === true, `${path}: with the script, the shortcut hint is shown and describes the quick exit`);
    const bottom = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().bottom);
    check(bottom <= phone.height * 0.4, `${path} @412px: the header ends at ${Math.round(bottom)} px of ${phone.height}`);
    const menu = page.locator(".menu-box > summary");
    if ((await menu.count()) === 0) return;
    const links = page.locator(".menu a");
    check(!(await links.first().isVisible()), `${path} @412px: the menu starts folded`);
    const box = await menu.boundingBox();
    check(box && box.width >= 24 && box.height >= 24, `${path} @412px: the menu button is ${box?.width}×${box?.height} CSS px`);
    let found = false;
    for (let i = 0; i < 20 && !found; i++) {
      await page.keyboard.press("Tab");
      found = await menu.evaluate((m) => m === document.activeElement);
    }
    check(found, `${path} @412px: Tab reaches the menu button`);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    const into = await page.evaluate(() => !!document.activeElement?.closest(".menu"));
    check((await links.first().isVisible()) && into, `${path} @412px: Enter opens the menu and Tab goes into it`);
    await page.setViewportSize(WIDE);
    await page.reload(WAIT);
    check(
      (await links.first().isVisible()) && !(await menu.isVisible()),
      `${path} @${WIDE.width}px: the menu is always open, without its button`,
    );
  } catch (e) {
    fail(`phone header on ${path}: ${e.message ?? e}`);
  } finally {
    await page.close();
  }
}

/** WCAG 2.4.11: Tab through the whole page, then Shift+Tab back; the exit bar never hides focus. */
async function focusNeverHidden(context, origin, path, viewport) {
  const page = await context.newPage();
  let stops = 0;
  try {
    await page.setViewportSize(viewport);
    await page.goto(origin + path, WAIT);
    await page.waitForFunction(() => document.readyState === "complete", null, WAIT);
    const total = await page.evaluate(
      () =>
        [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")].filter(
          (e) => e.tabIndex >= 0 && e.getClientRects().length,
        ).length,
    );
    // Whatever stays on screen while the page scrolls (sticky or fixed) must not hide focus.
    const probe = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return { done: true };
        const what = `${el.tagName.toLowerCase()} "${(el.textContent || "").trim().slice(0, 40)}"`;
        const stuck = [...document.body.querySelectorAll("*")].filter((e) => {
          const p = getComputedStyle(e).position;
          return (p === "sticky" || p === "fixed") && e.getClientRects().length;
        });
        if (stuck.some((s) => s.contains(el))) return { what, inBar: true };
        const r = el.getBoundingClientRect();
        const rect = `${Math.round(r.top)}–${Math.round(r.bottom)}`;
        const left = Math.max(r.left, 0);
        const right = Math.min(r.right, window.innerWidth);
        const top = Math.max(r.top, 0);
        const bottom = Math.min(r.bottom, window.innerHeight);
        if (right <= left || bottom <= top) return { what, rect, offscreen: r.width > 0 && r.height > 0 };
        // What is on top at points spread over the visible part of the element?
        let covered = 0;
        let points = 0;
        let bar = null;
        for (const fx of [0.05, 0.25, 0.5, 0.75, 0.95]) {
          for (const fy of [0.1, 0.5, 0.9]) {
            const x = left + (right - left) * fx;
            const y = top + (bottom - top) * fy;
            const hit = document.elementFromPoint(x, y);
            points += 1;
            const cover = hit && !el.contains(hit) && stuck.find((s) => s.contains(hit));
            if (cover) {
              covered += 1;
              bar = `${cover.className || cover.tagName}`;
            }
          }
        }
        const hidden = covered === points;
        const partly = covered > 0 && !hidden;
        return { what, hidden, partly, bar, rect };
      });
    const seen = [];
    for (const key of ["Tab", "Shift+Tab"]) {
      for (let i = 0; i < total + 3; i++) {
        await page.keyboard.press(key);
        const s = await probe();
        if (s.done) break;
        stops += 1;
        if (s.hidden) fail(`${path} @${viewport.width}px (${key}): ${s.bar} hides the focused ${s.what} (at ${s.rect})`);
        else if (s.offscreen) fail(`${path} @${viewport.width}px (${key}): the focused ${s.what} is off screen (${s.rect})`);
        else if (s.partly) seen.push(`${s.what} (${key})`);
      }
      // Back to the end of the page for the way up.
      if (key === "Tab") await page.keyboard.press("Shift+Tab");
    }
    if (seen.length) console.log(`note: ${path} @${viewport.width}px: something sticky partly covers ${seen.length} focused element(s), e.g. ${seen[0]}`);
    check(stops > 0, `${path} @${viewport.width}px: focus stays visible through ${stops} tab stops, both ways`);
  } catch (e) {
    fail(`focus on ${path}: ${e.message ?? e}`);
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------

let crashed = false;
try {
  server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  // PONTE_A11Y_ONLY=REGEX: only the pages whose path matches (while working on the theme).
  const only = process.env.PONTE_A11Y_ONLY ? new RegExp(process.env.PONTE_A11Y_ONLY) : null;
  const pages = sitePages().filter((p) => !only || only.test(p));
  console.log(`a11y: ${pages.length} pages at ${origin}`);
  const context = await launch(join(profile, "main"));

  // 1. Every page, four tabs at a time.
  const stats = { violations: 0, requests: 0, heights: [] };
  const queue = [...pages];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      const page = await context.newPage();
      while (queue.length) await checkPage(page, origin, queue.shift(), stats);
      await page.close();
    }),
  );
  check(
    stats.violations === 0,
    `axe-core (${TAGS.join(", ")}) at ${WIDE.width} and ${NARROW.width} px: ${stats.violations} violation(s) over ${pages.length} pages in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  check(stats.requests > pages.length, `${stats.requests} requests recorded, all to 127.0.0.1 unless listed above`);

  // 2. The quick exit, in every language.
  const langs = [...new Set(pages.map(pageLanguage).filter(Boolean))];
  const inner = (lang) => pages.find((p) => p.startsWith(`/${lang}/`) && p !== `/${lang}/` && p.endsWith("/")) ?? `/${lang}/`;
  for (const lang of langs) {
    await exitBy(context, origin, inner(lang), "click", (p) => p.click("#quick-exit"));
    await exitBy(context, origin, `/${lang}/`, "Shift×3", async (p) => {
      for (let i = 0; i < 3; i++) await p.keyboard.press("Shift");
    });
  }
  await exitBy(context, origin, "/", "click", (p) => p.click("#quick-exit"));
  await exitBy(context, origin, inner(langs[0]), "Escape×2", async (p) => {
    for (let i = 0; i < 2; i++) await p.keyboard.press("Escape");
  });
  await exitBy(context, origin, inner(langs[0]), "Enter on the focused link", async (p) => {
    await p.keyboard.press("Tab");
    await p.keyboard.press("Enter");
  });
  await exitNotByTyping(context, origin, `/${langs[0]}/`);
  // Playwright turns the back/forward cache off by default; this browser has it on.
  const cached = await launch(join(profile, "bfcache"), { ignoreDefaultArgs: ["--disable-back-forward-cache"] });
  await pageshowClearsBlank(cached, origin, `/${langs[0]}/`, "/");
  await cached.close();

  // 3. WCAG 2.4.11 on the longest page of each language (and the longest overall when wide).
  const longest = [...stats.heights].sort((a, b) => b.height - a.height);
  for (const lang of langs) {
    const p = longest.find((h) => h.path.startsWith(`/${lang}/`));
    if (p) await focusNeverHidden(context, origin, p.path, NARROW);
  }
  await focusNeverHidden(context, origin, longest[0].path, WIDE);
  await focusNeverHidden(context, origin, `/${langs[0]}/`, { width: 412, height: 915 });
  for (const lang of langs) await phoneHeader(context, origin, `/${lang}/`);

  // 4. Without JavaScript: the quick exit is still a working link.
  const nojs = await launch(join(profile, "nojs"), { javaScriptEnabled: false });
  for (const lang of langs) await exitWithoutScript(nojs, origin, inner(lang));
} catch (e) {
  crashed = true;
  console.error(`a11y: ${e.stack ?? e}`);
} finally {
  await shutdown();
}
if (crashed || failures.length) {
  console.error(`a11y: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log("a11y: all checks passed");
process.exit(0);
