// The site search (themes/default/static/js/search.js), run by tests/search.rs:
//
//   node search.mjs agree PUBLIC_DIR CASES_JSON
//     The published script, loaded in Node, resolves every word of CASES_JSON
//     ({"words": {LANG: {typed word: stem the build made}}, "folds": {word: folded}}) to the
//     stem the build made, against the published index. Prints "agree: N words".
//
//   node search.mjs browser PUBLIC_DIR PLAN_JSON
//     The built site is served on 127.0.0.1; in headless Chromium, on each language's home
//     page, each query of PLAN_JSON ([{lang, queries, mustFind}]) is typed into the search
//     box and submitted with Enter: results are links to that language's pages with a title
//     and an excerpt, the last query finds every page of `mustFind` (pages without that form
//     of the word), the address and the history do not change, and no request leaves
//     127.0.0.1. Without JavaScript the box says that search needs it. Prints
//     "search: all checks passed".
import { readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import vm from "node:vm";

const [mode, publicDir, input] = process.argv.slice(2);
if (!mode || !publicDir || !input) {
  console.error("usage: node search.mjs agree|browser PUBLIC_DIR JSON");
  process.exit(2);
}
setTimeout(() => {
  console.error("search: gave up after 240 s");
  process.exit(1);
}, 240000).unref();

function loadScript() {
  const name = readdirSync(join(publicDir, "js")).find((n) => /^search\.[0-9a-f]+\.js$/.test(n));
  if (!name) throw new Error("no js/search.HASH.js in the output");
  const context = { module: { exports: {} } };
  vm.runInNewContext(readFileSync(join(publicDir, "js", name), "utf8"), context);
  return context.module.exports;
}

function index(lang) {
  return JSON.parse(readFileSync(join(publicDir, "search", `${lang}.json`), "utf8"));
}

if (mode === "agree") {
  const api = loadScript();
  const cases = JSON.parse(readFileSync(input, "utf8"));
  const problems = [];
  let count = 0;
  for (const [lang, words] of Object.entries(cases.words)) {
    const prepared = api.prepare(index(lang));
    for (const [typed, stem] of Object.entries(words)) {
      count += 1;
      const found = api.resolve(prepared, typed);
      if (!found.some(([s, factor]) => s === stem && factor === 1)) {
        problems.push(`${lang}: "${typed}" → ${JSON.stringify(found.slice(0, 5))}, the build made "${stem}"`);
      }
    }
  }
  for (const [word, folded] of Object.entries(cases.folds)) {
    if (api.fold(word) !== folded) problems.push(`fold("${word}") = "${api.fold(word)}", Rust: "${folded}"`);
  }
  if (problems.length) {
    console.log(problems.slice(0, 30).join("\n"));
    console.log(`${problems.length} disagreements`);
    process.exit(1);
  }
  console.log(`agree: ${count} words`);
  process.exit(0);
}

// mode === "browser"
const { chromium } = await import("playwright-core");
const plan = JSON.parse(readFileSync(input, "utf8"));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};
const server = createServer((req, res) => {
  let rel = decodeURIComponent(new URL(req.url, "http://x").pathname.slice(1));
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  const file = normalize(join(publicDir, rel));
  let ok = false;
  try {
    ok = file.startsWith(normalize(publicDir) + sep) && statSync(file).isFile();
  } catch {}
  if (!ok) {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("not found");
    return;
  }
  res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const problems = [];
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requested = [];
  page.on("request", (r) => {
    const url = r.url();
    if (url.startsWith("http") && !url.startsWith(origin + "/")) problems.push(`a request to another host: ${url}`);
    requested.push(url);
  });
  page.on("pageerror", (e) => problems.push(`a script error: ${e.message}`));
  for (const { lang, queries, mustFind } of plan) {
    const home = `${origin}/${lang}/`;
    await page.goto(home);
    const historyBefore = await page.evaluate(() => history.length);
    if (!(await page.locator(".search-nojs").isHidden())) problems.push(`${lang}: the no-JavaScript note shows with JavaScript`);
    const input = page.locator("#site-search-input");
    if (!(await input.isVisible())) {
      problems.push(`${lang}: no visible search box`);
      continue;
    }
    for (const query of queries) {
      await input.fill("");
      await input.click();
      await page.keyboard.type(query);
      await page.keyboard.press("Enter");
      try {
        await page.waitForFunction(
          () => document.querySelectorAll(".search-results li a").length > 0,
          null,
          { timeout: 10000 },
        );
      } catch {
        problems.push(`${lang}: "${query}" shows no result (status: ${await page.locator(".search-status").textContent()})`);
        continue;
      }
      // The list settles after the typing pause.
      await page.waitForTimeout(400);
      const hits = await page.$$eval(".search-results li", (items) =>
        items.map((li) => ({
          href: li.querySelector("a")?.getAttribute("href") || "",
          title: li.querySelector("a")?.textContent || "",
          excerpt: li.querySelector("p")?.textContent || "",
        })),
      );
      for (const hit of hits) {
        if (!hit.href.startsWith(`/${lang}/`)) problems.push(`${lang}: "${query}" links ${hit.href}, not a page in ${lang}`);
        if (!hit.title.trim()) problems.push(`${lang}: "${query}": a result without a title (${hit.href})`);
      }
      if (!hits.some((h) => h.excerpt.trim())) problems.push(`${lang}: "${query}": no result has an excerpt`);
      const status = (await page.locator(".search-status").textContent()) || "";
      if (!status.trim()) problems.push(`${lang}: "${query}": the status says nothing`);
      if (query === queries[queries.length - 1]) {
        const hrefs = new Set(hits.map((h) => h.href));
        for (const url of mustFind) {
          if (!hrefs.has(url)) problems.push(`${lang}: "${query}" does not find ${url}, which has another form of the word`);
        }
      }
      if (page.url() !== home) problems.push(`${lang}: the address changed to ${page.url()}`);
      if (decodeURIComponent(page.url()).includes(query)) problems.push(`${lang}: the query is in the address`);
      const historyNow = await page.evaluate(() => history.length);
      if (historyNow !== historyBefore) problems.push(`${lang}: the history grew from ${historyBefore} to ${historyNow}`);
      console.log(`${lang}: "${query}": ${hits.length} results, ${status}`);
    }
    for (const url of requested) {
      if (url.includes("?")) problems.push(`${lang}: a request with a query string: ${url}`);
      if (url.includes("/search/") && !url.endsWith(`/search/${lang}.json`)) problems.push(`${lang}: fetched another language's index: ${url}`);
    }
    requested.length = 0;
  }

  // Without JavaScript: the note, and no form.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(`${origin}/${plan[0].lang}/`);
  if (!(await plain.locator(".search-nojs").isVisible())) problems.push("without JavaScript, no note says that search needs it");
  if (await plain.locator(".search-form").isVisible()) problems.push("without JavaScript, the search form shows");
  await noScript.close();
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.log(problems.join("\n"));
  process.exit(1);
}
console.log("search: all checks passed");
