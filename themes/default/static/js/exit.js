// Quick exit: leave the site at once, without leaving this page in the Back history.
// The link works without JavaScript; this makes it instant, adds Shift pressed three
// times (and Escape pressed twice) as shortcuts, and clears the blank screen if the
// browser brings the page back from its cache.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.classList.add("exiting");
    document.title = "";
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  // The shortcut only works with this script: only now is the hint shown (and read out
  // with the link).
  var hint = document.getElementById("quick-exit-hint");
  if (hint) {
    hint.hidden = false;
    link.setAttribute("aria-describedby", hint.id);
  }
  var presses = { Shift: 0, Escape: 0 };
  var needed = { Shift: 3, Escape: 2 };
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (!(event.key in presses)) {
      presses.Shift = 0;
      presses.Escape = 0;
      return;
    }
    presses[event.key] += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses.Shift = 0; presses.Escape = 0; }, 1000);
    if (presses[event.key] >= needed[event.key]) {
      presses.Shift = 0;
      presses.Escape = 0;
      leave();
    }
  });
  window.addEventListener("pageshow", function () {
    document.body.classList.remove("exiting");
  });
})();
