// ponte serve: keeps this page in step with the files being edited.
// Added by `ponte serve` only, never by `ponte build`. It listens to /__ponte/events:
//   hello  N       the generation being served; a page built from another one reloads
//   reload N       the site was rebuilt: reload (same address, so same page and language)
//   css    N URLs  only styles changed: swap each stylesheet for its new fingerprinted name
//   errors TEXT    the rebuild failed: show every error over the last good page
(function () {
  "use strict";
  var me = document.currentScript;
  var generation = me && me.dataset ? me.dataset.generation : null;
  var overlay = null;
  var returnFocus = null;
  var FINGERPRINT = /^(.*)\.[0-9a-f]{10}\.css$/;

  // Calls `then` once the overlay's stylesheet applies: focusing the overlay before that
  // would scroll the page to where the unstyled box sits, at its very end.
  function addStyles(then) {
    var link = document.querySelector("link[data-ponte-live]");
    if (!link) {
      link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = "/__ponte/live.css";
      link.setAttribute("data-ponte-live", "");
      (document.head || document.documentElement).appendChild(link);
    }
    if (link.sheet) return then();
    link.addEventListener("load", then, { once: true });
    link.addEventListener("error", then, { once: true });
  }

  function clearErrors() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    returnFocus = null;
  }

  function showErrors(text) {
    if (!overlay) returnFocus = document.activeElement;
    clearOverlayOnly();
    overlay = document.createElement("section");
    overlay.className = "ponte-errors";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "ponte-errors-title");
    overlay.setAttribute("lang", "en");
    overlay.setAttribute("dir", "ltr");
    overlay.tabIndex = -1;
    var title = document.createElement("h2");
    title.id = "ponte-errors-title";
    title.textContent = "The site has errors. This page is the last good version.";
    var report = document.createElement("pre");
    report.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.addEventListener("click", clearErrors);
    overlay.appendChild(title);
    overlay.appendChild(report);
    overlay.appendChild(close);
    overlay.addEventListener("keydown", function (e) {
      if (e.key === "Escape") clearErrors();
    });
    overlay.hidden = true;
    (document.body || document.documentElement).appendChild(overlay);
    var shown = overlay;
    addStyles(function () {
      if (overlay !== shown) return;
      shown.hidden = false;
      shown.focus({ preventScroll: true });
    });
  }

  function clearOverlayOnly() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function stem(href) {
    try {
      var m = new URL(href, location.href).pathname.match(FINGERPRINT);
      return m ? m[1] : null;
    } catch (e) {
      return null;
    }
  }

  function swapStyles(sheets) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var name = stem(link.href);
      if (!name) return;
      sheets.forEach(function (sheet) {
        if (stem(sheet) !== name || new URL(sheet, location.href).href === link.href) return;
        var fresh = link.cloneNode(false);
        fresh.href = sheet;
        fresh.addEventListener("load", function () { link.remove(); });
        link.after(fresh);
      });
    });
  }

  function reloadUnless(seen) {
    if (seen !== generation) location.reload();
  }

  // EventSource reconnects by itself after a dropped connection, but gives up for good after
  // an answer other than 200 (ponte serve refuses streams beyond its limit): then start over
  // later, waiting longer each time.
  var delay = 1000;
  function listen() {
    var events = new EventSource("/__ponte/events");
    // For tests and the curious: whether this page is listening.
    events.addEventListener("open", function () {
      delay = 1000;
      window.ponteLive = "open";
    });
    events.addEventListener("error", function () {
      window.ponteLive = "reconnecting";
      if (events.readyState !== EventSource.CLOSED) return;
      setTimeout(listen, delay);
      delay = Math.min(delay * 2, 30000);
    });
    events.addEventListener("hello", function (e) {
      clearOverlayOnly();
      if (generation !== null && e.data !== "0") reloadUnless(e.data);
    });
    events.addEventListener("reload", function (e) { reloadUnless(e.data); });
    events.addEventListener("css", function (e) {
      var lines = e.data.split("\n");
      generation = lines[0];
      swapStyles(lines.slice(1));
      clearErrors();
    });
    events.addEventListener("errors", function (e) { showErrors(e.data); });
  }
  listen();
})();
