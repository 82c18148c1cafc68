// pdf.js in headless Chromium fills a form field and renders it, as a browser's PDF viewer
// would (started by tests/documents.rs):
//   node pdfform.mjs PDF_FILE FIELD_NAME TEXT [SAVED_FILE]
// The PDF and pdf.js are served by a tiny static server on 127.0.0.1. The page is rendered
// three times at 2× scale with the annotation storage (what the person typed) drawn into the
// page: with the field empty, with the field holding the last three characters of TEXT, and
// with the field holding TEXT. For each render it measures, inside the field's rectangle, how
// many pixels are dark and how wide the dark area is. The filled form is then saved as pdf.js
// saves it and shown again from its appearance streams alone ("saved"). Prints one JSON line:
//   {"empty": {"ink": n, "width": w, "field": {...}}, "tail": {...}, "full": {...}, "saved": {...}}
// A script the field's font cannot draw shows as nothing (or as a few characters only), so
// "full" is then no wider than "tail". With SAVED_FILE, the filled form as pdf.js saved it is
// written there, for other renderers to show.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize } from "node:path";

const [pdfFile, fieldName, text, savedFile] = process.argv.slice(2);
if (!pdfFile || !fieldName || !text) {
  console.error("usage: node pdfform.mjs PDF_FILE FIELD_NAME TEXT");
  process.exit(2);
}
const pdfjsDir = dirname(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/build/pdf.mjs")));
const TYPES = { ".mjs": "text/javascript", ".js": "text/javascript", ".html": "text/html", ".pdf": "application/pdf" };

const page = `<!doctype html><meta charset="utf-8"><canvas id="c"></canvas>
<script type="module">
import * as pdfjs from "/pdfjs/build/pdf.mjs";
pdfjs.GlobalWorkerOptions.workerSrc = "/pdfjs/build/pdf.worker.mjs";
// Renders the page of field NAME and measures the ink inside its rectangle.
async function render(doc, name, value, mode) {
  let found = null;
  for (let n = 1; n <= doc.numPages && !found; n++) {
    const p = await doc.getPage(n);
    const a = (await p.getAnnotations()).find((a) => a.fieldName === name);
    if (a) found = { page: p, annot: a };
  }
  if (!found) throw new Error("no field " + name);
  const { page, annot } = found;
  if (value !== null) doc.annotationStorage.setValue(annot.id, { value });
  const viewport = page.getViewport({ scale: 2 });
  const canvas = document.getElementById("c");
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: ctx, canvas, viewport, annotationMode: mode }).promise;
  const [a, b, c, d, e, f] = viewport.transform;
  const at = (x, y) => [a * x + c * y + e, b * x + d * y + f];
  const [x1, y1] = at(annot.rect[0], annot.rect[1]);
  const [x2, y2] = at(annot.rect[2], annot.rect[3]);
  // Inside the field, a little in from its edges (the writing line is not ink).
  const left = Math.ceil(Math.min(x1, x2)) + 2, right = Math.floor(Math.max(x1, x2)) - 2;
  const top = Math.ceil(Math.min(y1, y2)) + 2, bottom = Math.floor(Math.max(y1, y2)) - 4;
  const data = ctx.getImageData(left, top, right - left, bottom - top).data;
  let ink = 0, minX = Infinity, maxX = -Infinity;
  const w = right - left;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] + data[i + 1] + data[i + 2] < 3 * 128) {
      ink++;
      const x = (i / 4) % w;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
    }
  }
  return { ink, width: ink ? maxX - minX + 1 : 0, field: { page: page.pageNumber, type: annot.fieldType, rect: annot.rect } };
}
const open = (source) => pdfjs.getDocument({
  ...source,
  standardFontDataUrl: "/pdfjs/standard_fonts/",
  cMapUrl: "/pdfjs/cmaps/",
  cMapPacked: true,
  isEvalSupported: false,
});
window.measure = async (name, values) => {
  const results = {};
  for (const [key, value] of Object.entries(values)) {
    const task = open({ url: "/form.pdf" });
    const doc = await task.promise;
    results[key] = await render(doc, name, value, pdfjs.AnnotationMode.ENABLE_STORAGE);
    if (key === "full") {
      // Saved as a browser saves a filled form, then shown from its appearance streams alone.
      const bytes = await doc.saveDocument();
      window.savedBytes = Array.from(bytes);
      const again = open({ data: bytes });
      results.saved = await render(await again.promise, name, null, pdfjs.AnnotationMode.ENABLE);
      await again.destroy();
    }
    await task.destroy();
  }
  return results;
};
window.ready = true;
</script>`;

const server = createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let body;
  try {
    if (url === "/") body = Buffer.from(page);
    else if (url === "/form.pdf") body = readFileSync(pdfFile);
    else if (url.startsWith("/pdfjs/")) {
      const file = normalize(join(pdfjsDir, url.slice("/pdfjs/".length)));
      if (!file.startsWith(pdfjsDir)) throw new Error("outside");
      body = readFileSync(file);
    } else throw new Error("not found");
  } catch {
    res.writeHead(404).end();
    return;
  }
  const ext = url === "/" ? ".html" : url.slice(url.lastIndexOf("."));
  res.writeHead(200, { "content-type": TYPES[ext] || "application/octet-stream" }).end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const tab = await browser.newPage();
  const errors = [];
  tab.on("pageerror", (e) => errors.push(String(e)));
  await tab.goto(base);
  await tab.waitForFunction(() => window.ready === true, null, { timeout: 20000 });
  const chars = [...text];
  const result = await tab.evaluate(
    ([name, values]) => window.measure(name, values),
    [fieldName, { empty: null, tail: chars.slice(-3).join(""), full: text }],
  );
  if (errors.length) result.errors = errors;
  if (savedFile) writeFileSync(savedFile, Buffer.from(await tab.evaluate(() => window.savedBytes)));
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  server.close();
}
