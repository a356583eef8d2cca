/* The explorer's enhancement, in htmx's model: a change made in place asks the server for the explorer of
 * the new state (/fragment/explorer) and swaps in what it rendered, keeping the URL in step.
 * The server is the one source of truth for the map, the cards and every sentence; this file only moves
 * markup the server made. Without it, every region, chip and switch is a link to the same state as a page. */
(function () {
  "use strict";
  var root = document.getElementById("explorer");
  if (!root || !window.fetch || !window.history.pushState || !window.DOMParser) return;
  var FRAGMENT = "/fragment/explorer";
  var request = 0;
  var shownSearch = window.location.search;  /* the state on screen; a jump to #results changes only the hash */

  function isStateLink(a) {
    var href = a && a.getAttribute("href");
    return !!href && href.charAt(0) === "/" && href.charAt(1) === "?";
  }

  /* Something that names the focused control across a swap: its region, card or id. */
  function focusKey() {
    var el = document.activeElement;
    if (!el || !root.contains(el)) return null;
    var region = el.querySelector && el.querySelector("[data-region]");
    if (region) return '#bodymap a:has(> [data-region="' + region.getAttribute("data-region") + '"])';
    if (el.classList.contains("chip")) return '.chip[data-region="' + el.getAttribute("data-region") + '"]';
    if (el.classList.contains("show-link")) return '.show-link[data-tp="' + el.getAttribute("data-tp") + '"]';
    if (el.getAttribute("data-view")) return '.views a[data-view="' + el.getAttribute("data-view") + '"]';
    if (el.getAttribute("data-mode")) return '.modes a[data-mode="' + el.getAttribute("data-mode") + '"]';
    if (el.name === "region") return '#region-form input[value="' + el.value + '"]';
    return el.id ? "#" + el.id : null;
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("explorer");
    if (!fresh) throw new Error("no explorer in the fragment");
    var key = focusKey();
    /* A list opened stays open: someone ticking areas one by one must not lose their place after each. */
    fresh.querySelectorAll("details[id]").forEach(function (node) {
      var old = document.getElementById(node.id);
      if (old && old.open) node.open = true;
    });
    fresh.querySelectorAll("[data-swap]").forEach(function (node) {
      var old = node.id && document.getElementById(node.id);
      if (!old) return;
      if (node.getAttribute("data-swap") === "text") old.textContent = node.textContent;  /* a live region stays */
      else old.replaceWith(document.importNode(node, true));
    });
    ["data-mode", "data-view"].forEach(function (name) { root.setAttribute(name, fresh.getAttribute(name)); });
    document.title = fresh.getAttribute("data-title") || document.title;
    var refocus = key && root.querySelector(key);
    if (refocus) refocus.focus({ preventScroll: true });
    root.setAttribute("data-ready", "");
  }

  function go(href, push) {
    var mine = ++request;
    root.removeAttribute("data-ready");
    root.setAttribute("aria-busy", "true");
    var query = href.slice(href.indexOf("?"));
    return fetch(FRAGMENT + query, { headers: { Accept: "text/html" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        if (mine !== request) return;
        if (push) window.history.pushState({ explorer: true }, "", "/" + query);
        shownSearch = query;
        swap(html);
      })
      .catch(function () {
        if (mine === request) window.location.assign("/" + query);  /* the page itself always works */
      })
      .then(function () { if (mine === request) root.removeAttribute("aria-busy"); });
  }

  root.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button) return;
    var link = event.target.closest("a");
    if (!isStateLink(link)) return;
    event.preventDefault();
    go(link.getAttribute("href"), true);
  });

  /* A region is announced as a toggle button, so Space toggles it as it would a button. */
  root.addEventListener("keydown", function (event) {
    if (event.key !== " " && event.key !== "Spacebar") return;
    var link = event.target.closest && event.target.closest('a[role="button"]');
    if (!isStateLink(link)) return;
    event.preventDefault();
    go(link.getAttribute("href"), true);
  });

  /* The checklist that stands in for the map: each change is a new state, as its form would submit. */
  root.addEventListener("change", function (event) {
    var form = event.target.form;
    if (!form || form.id !== "region-form") return;
    go("/?" + new URLSearchParams(new FormData(form)).toString(), true);
  });

  window.addEventListener("popstate", function () {
    if (window.location.search === shownSearch) return;  /* only the hash moved (the skip link) */
    go(window.location.search || "?", false);
  });
  root.setAttribute("data-ready", "");
})();
