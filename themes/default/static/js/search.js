// Site search, in the page: the index of the page's language (search/LANG.json, made by
// ponte build) is fetched from this site the first time the search box is used, and the
// query is matched here. The query never leaves the page: it is not sent anywhere, not put
// in the address (the form is never submitted) and not kept by the browser's form history.
//
// Words are matched as the build indexed them: folded (lower case, accents removed, final
// sigma as sigma), then looked up in the index's word forms (each mapped to the stem the
// build made), so a Greek genitive finds the nominative. A word no page has is matched by
// prefix against the stems. Every query word must match (AND); pages are ranked by weight.
(function (root) {
  "use strict";

  function fold(word) {
    return word
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ς/g, "σ")
      .normalize("NFC");
  }

  function words(text) {
    return text.match(/[\p{Alphabetic}\p{N}]+/gu) || [];
  }

  // The index with what the lookups need: stems by their folded spelling.
  function prepare(index) {
    var byFold = Object.create(null);
    var folded = [];
    Object.keys(index.stems).forEach(function (stem) {
      var f = fold(stem);
      (byFold[f] = byFold[f] || []).push(stem);
      folded.push([f, stem]);
    });
    folded.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    return { index: index, byFold: byFold, folded: folded };
  }

  // Stems whose folded spelling starts with `prefix`, by bisection.
  function withPrefix(prepared, prefix) {
    var list = prepared.folded;
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid][0] < prefix) lo = mid + 1; else hi = mid;
    }
    var out = [];
    for (var i = lo; i < list.length && list[i][0].indexOf(prefix) === 0; i++) out.push(list[i][1]);
    return out;
  }

  // The stems a typed word stands for: [stem, factor] pairs. Exact stems count fully, stems
  // that only start with them (or with an unknown word) count half.
  function resolve(prepared, word) {
    var key = fold(word);
    var index = prepared.index;
    var exact = [];
    if (Object.prototype.hasOwnProperty.call(index.words, key)) {
      exact = [].concat(index.words[key]);
    } else if (prepared.byFold[key]) {
      exact = prepared.byFold[key].slice();
    }
    var found = new Map();
    exact.forEach(function (s) { found.set(s, 1); });
    var prefixes = exact.length ? exact.map(fold) : [key];
    if (!exact.length && key.length >= 4) {
      // An inflected form no page has: the longest stem it starts with, if long enough.
      for (var n = key.length - 1; n >= Math.max(3, key.length - 4); n--) {
        var stems = prepared.byFold[key.slice(0, n)];
        if (stems) {
          stems.forEach(function (s) { found.set(s, 1); });
          prefixes.push(key.slice(0, n));
          break;
        }
      }
    }
    if (key.length >= 2) {
      prefixes.forEach(function (p) {
        withPrefix(prepared, p).forEach(function (s) {
          if (!found.has(s)) found.set(s, 0.5);
        });
      });
    }
    return Array.from(found.entries());
  }

  // Pages matching every word of `query`: [{url, title, excerpt, score}], best first.
  function search(prepared, query) {
    var terms = words(query);
    if (!terms.length) return [];
    var index = prepared.index;
    var total = null;
    terms.forEach(function (term) {
      var scores = new Map();
      resolve(prepared, term).forEach(function (pair) {
        var postings = index.stems[pair[0]];
        for (var i = 0; i < postings.length; i += 2) {
          var page = postings[i];
          scores.set(page, (scores.get(page) || 0) + postings[i + 1] * pair[1]);
        }
      });
      if (total === null) {
        total = scores;
      } else {
        var both = new Map();
        total.forEach(function (score, page) {
          if (scores.has(page)) both.set(page, score + scores.get(page));
        });
        total = both;
      }
    });
    return Array.from(total.entries())
      .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
      .map(function (entry) {
        var p = index.pages[entry[0]];
        return { url: p[0], title: p[1], excerpt: p[2], score: entry[1] };
      });
  }

  var api = { fold: fold, words: words, prepare: prepare, resolve: resolve, search: search };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  root.ponteSearch = api;

  // The page's search box.
  var script = document.currentScript;
  var box = document.querySelector(".site-search");
  if (!box || !script) return;
  var form = box.querySelector("form");
  var input = box.querySelector("input");
  var results = box.querySelector(".search-results");
  var status = box.querySelector("[role=status]");
  var list = box.querySelector("ul");
  var nojs = box.querySelector(".search-nojs");
  if (!form || !input || !results || !status || !list) return;
  // The site's root: this script is at ROOT/js/search.….js.
  var siteRoot = new URL("../", script.src);
  var lang = box.getAttribute("data-lang") || document.documentElement.lang;
  var loading = null;
  var prepared = null;

  function load() {
    if (!loading) {
      loading = fetch(new URL("search/" + encodeURIComponent(lang) + ".json", siteRoot), {
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (index) {
          prepared = prepare(index);
          return prepared;
        });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function say(text) {
    status.textContent = text;
  }

  var timer = null;
  function show() {
    var query = input.value;
    if (!words(query).length) {
      results.hidden = true;
      list.textContent = "";
      say("");
      return;
    }
    results.hidden = false;
    if (!prepared) say(box.getAttribute("data-loading") || "");
    load().then(function (p) {
      if (input.value !== query) return;
      var found = search(p, query).slice(0, 50);
      list.textContent = "";
      found.forEach(function (hit) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = new URL(hit.url, siteRoot).pathname;
        link.textContent = hit.title;
        item.appendChild(link);
        if (hit.excerpt) {
          var text = document.createElement("p");
          text.textContent = hit.excerpt;
          item.appendChild(text);
        }
        list.appendChild(item);
      });
      var count = found.length.toLocaleString(lang);
      say(found.length
        ? (box.getAttribute("data-found") || "{count}").replace("{count}", count)
        : box.getAttribute("data-none") || "");
    }, function () {
      say(box.getAttribute("data-failed") || "");
    });
  }

  // Never submitted: the query would reach the address bar and the history.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    show();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(show, 150);
  });
  input.addEventListener("focus", function () { load().catch(function () {}); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) {
      input.value = "";
      show();
    }
  });
  // Back/forward cache: a page brought back does not show an earlier query.
  window.addEventListener("pagehide", function () {
    input.value = "";
    list.textContent = "";
    results.hidden = true;
  });
  form.hidden = false;
  if (nojs) nojs.hidden = true;
})(typeof window === "object" ? window : this);
