// A site built for a sub-path, in headless Chromium (started by tests/subpath.rs):
//   node subpath.mjs PUBLIC_DIR PREFIX PROFILE_DIR
// PREFIX is the path the site was built for, e.g. "/win". The folder is served on 127.0.0.1
// under PREFIX only (anything outside it is a 404, as on a GitHub Pages project site). Then:
//   - every HTML page is opened: every request it makes (styles, scripts, images) stays
//     under PREFIX and is answered 200, and nothing fails to load;
//   - every reference in every page (links, downloads and PDFs, alternates, canonical, the
//     targets of alias and short-link redirects) is under PREFIX and answers 200 or 404
//     never;
//   - the quick exit leaves the page for the neutral site (answered locally) by click.
// Prints "subpath: all checks passed" on success.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join, normalize, relative, sep } from "node:path";

const [publicDir, prefix, profile] = process.argv.slice(2);
if (!publicDir || !prefix || !profile) {
  console.error("usage: node subpath.mjs PUBLIC_DIR PREFIX PROFILE_DIR");
  process.exit(2);
}
setTimeout(() => {
  console.error("subpath: gave up after 240 s");
  process.exit(1);
}, 240000).unref();

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".pdf": "application/pdf",
  ".csv": "text/csv; charset=utf-8",
  ".xml": "application/xml",
  ".txt": "text/plain",
};

function fileFor(urlPath) {
  if (!urlPath.startsWith(prefix + "/")) return null;
  let rel = decodeURIComponent(urlPath.slice(prefix.length + 1));
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  const file = normalize(join(publicDir, rel));
  if (!file.startsWith(normalize(publicDir) + sep)) return null;
  try {
    if (statSync(file).isFile()) return file;
  } catch {}
  return null;
}

const server = createServer((req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  const file = fileFor(path);
  if (!file) {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("not found");
    return;
  }
  res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const pages = walk(publicDir)
  .filter((f) => f.endsWith(".html"))
  .map((f) => relative(publicDir, f).split(sep).join("/"))
  .sort();

const problems = [];
const checked = new Map(); // absolute URL → status

async function status(url) {
  if (!checked.has(url)) {
    const res = await fetch(url, { redirect: "manual" });
    checked.set(url, res.status);
  }
  return checked.get(url);
}

// Every reference in the HTML of a page, as written.
function references(html) {
  const refs = [];
  const attr = /\s(?:href|src|action|poster)="([^"]*)"/g;
  for (const m of html.matchAll(attr)) refs.push(m[1].replaceAll("&amp;", "&"));
  const refresh = html.match(/http-equiv="refresh" content="\d+;\s*url=([^"]*)"/);
  if (refresh) refs.push(refresh[1].replaceAll("&amp;", "&"));
  return refs;
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const context = await browser.newContext();
  // The quick exit's neutral sites are answered here: nothing leaves the machine.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>neutral</title>" }),
  );
  const page = await context.newPage();
  let current = "";
  page.on("requestfailed", (r) => {
    // Chromium drops the favicon's request when the next page is opened at once (its address
    // is followed below like every other reference), and its own internal pages are no
    // concern of the site's.
    const aborted = r.failure()?.errorText === "net::ERR_ABORTED";
    if (!r.url().startsWith("http") || (aborted && r.url().endsWith("/favicon.svg"))) return;
    problems.push(`${current}: ${r.url()} failed (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    const url = r.url();
    if (!url.startsWith(origin)) return;
    const path = new URL(url).pathname;
    if (!path.startsWith(prefix + "/")) problems.push(`${current}: requested ${path}, outside ${prefix}/`);
    else if (r.status() >= 400 && !current.endsWith("404.html")) problems.push(`${current}: ${path} answered ${r.status()}`);
  });
  let refs = 0;
  for (const rel of pages) {
    current = rel;
    const url = `${origin}${prefix}/${rel}`;
    const html = readFileSync(join(publicDir, rel), "utf8");
    if (!/http-equiv="refresh"/.test(html)) {
      await page.goto(url, { waitUntil: "load" });
    }
    for (const ref of references(html)) {
      if (ref.startsWith("#") || ref.startsWith("mailto:") || ref.startsWith("data:")) continue;
      const target = new URL(ref, url);
      if (target.origin !== origin && !target.href.startsWith("https://ponte.test")) continue;
      refs += 1;
      if (!target.pathname.startsWith(prefix + "/")) {
        problems.push(`${rel}: ${ref} is outside ${prefix}/`);
        continue;
      }
      const code = await status(`${origin}${target.pathname}`);
      if (code !== 200) problems.push(`${rel}: ${ref} answered ${code}`);
    }
  }
  // A short link, followed by the browser to its document.
  const short = pages.find((p) => /^d\/[^/]+\/index\.html$/.test(p));
  if (!short) problems.push("no short link (/d/ID/) was built");
  else {
    await page.goto(`${origin}${prefix}/${short.replace("index.html", "")}`);
    await page.waitForURL((u) => !u.pathname.startsWith(`${prefix}/d/`), { timeout: 10000 }).catch(() => {});
    const landed = new URL(page.url()).pathname;
    if (!landed.startsWith(prefix + "/") || landed.startsWith(`${prefix}/d/`)) problems.push(`the short link ${short} led to ${landed}`);
  }
  // The quick exit, by click.
  current = "quick exit";
  await page.goto(`${origin}${prefix}/en/`, { waitUntil: "load" });
  await page.click("#quick-exit");
  await page.waitForURL((u) => u.origin !== origin, { timeout: 10000 }).catch(() => {});
  if (new URL(page.url()).origin === origin) problems.push(`the quick exit stayed on ${page.url()}`);
  console.log(`subpath: ${pages.length} pages opened, ${refs} references followed under ${prefix}/`);
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(problems.slice(0, 60).join("\n"));
  console.error(`subpath: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log("subpath: all checks passed");
