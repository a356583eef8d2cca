/* The explorer's enhancement: toggle regions in place, fetch the page's JSON twin, keep the URL in step.
 * Without this file every region is a link to the server-rendered state, so the map still works.
 * Catalogue text is only ever set with textContent: it never becomes markup. */
(function () {
  "use strict";
  var root = document.getElementById("explorer");
  var island = document.getElementById("tm-data");
  if (!root || !island || !window.fetch || !window.history.pushState) return;
  var data = JSON.parse(island.textContent);
  data.regions = {};
  data.bases = {};
  root.querySelectorAll("#region-form input[name=region]").forEach(function (box) {
    var name = box.parentNode.textContent.trim();
    data.regions[box.value] = name;
    data.bases[box.value.replace(/-(left|right)$/, "")] = name.replace(/^(left|right) /, "");
  });
  var results = document.getElementById("results");
  var statusEl = document.getElementById("status");
  var selectionEl = document.getElementById("selection");
  var state = readUrl(window.location.search);
  var request = 0;

  function readUrl(search) {
    var params = new URLSearchParams(search);
    var mode = params.get("mode") === "locate" ? "locate" : "pain";
    var regions = params.getAll("region").filter(function (r) { return r in data.regions; });
    if (mode === "locate") regions = regions.slice(-1);
    return { view: params.get("view") || data.view, mode: mode, regions: regions, show: params.get("show") };
  }

  function url(s, path) {
    var params = new URLSearchParams();
    params.append("view", s.view);
    if (s.mode !== "pain") params.append("mode", s.mode);
    s.regions.forEach(function (r) { params.append("region", r); });
    if (s.show) params.append("show", s.show);
    return (path || "/") + "?" + params.toString();
  }

  function twin(s) {
    if (!s.regions.length) return null;
    if (s.mode === "locate") return "/api/v1/trigger-points?region=" + encodeURIComponent(s.regions[0]);
    return "/api/v1/lookup?" + s.regions.map(function (r) { return "region=" + encodeURIComponent(r); }).join("&");
  }

  function toggled(s, id) {
    var regions;
    if (s.mode === "locate") regions = s.regions[0] === id ? [] : [id];
    else if (s.regions.indexOf(id) >= 0) regions = s.regions.filter(function (r) { return r !== id; });
    else regions = s.regions.concat([id]);
    return { view: s.view, mode: s.mode, regions: regions, show: null };
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function words(list) {
    return list.length < 2 ? list.join("") : list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  function names(ids) { return ids.map(function (id) { return data.regions[id] || data.bases[id] || id; }); }

  function concrete(bases, sides) {
    var out = [];
    bases.forEach(function (b) {
      sides.forEach(function (side) {
        var id = (b + "-" + side) in data.regions ? b + "-" + side : b;
        if (out.indexOf(id) < 0) out.push(id);
      });
    });
    return out;
  }

  /* --- the map ----------------------------------------------------------- */
  function paint(items) {
    var shown = pick(items);
    var essential = shown ? concrete(shown.trigger_point.referral.essential, shown.sides) : [];
    var spillover = shown ? concrete(shown.trigger_point.referral.spillover, shown.sides) : [];
    var map = document.getElementById("bodymap");
    var markers = root.querySelector(".tm-markers");  /* the server drew the X of one TrP only */
    if (markers && map && map.getAttribute("data-shown") !== (shown && shown.trigger_point.id)) markers.remove();
    root.querySelectorAll(".bodymap [data-region]").forEach(function (path) {
      var id = path.getAttribute("data-region");
      var chosen = state.regions.indexOf(id) >= 0;
      path.classList.toggle("is-highlighted", chosen);
      path.classList.toggle("is-essential", essential.indexOf(id) >= 0);
      path.classList.toggle("is-spillover", spillover.indexOf(id) >= 0 && essential.indexOf(id) < 0);
      var link = path.closest("a");
      if (link) {
        link.setAttribute("href", url(toggled(state, id)));
        link.setAttribute("aria-label", (data.regions[id] || id) + (chosen ? " (selected)" : ""));
      }
    });
    root.querySelectorAll("#region-form input[name=region]").forEach(function (box) {
      box.checked = state.regions.indexOf(box.value) >= 0;
    });
    root.querySelectorAll(".result, .card").forEach(function (card) {
      card.classList.toggle("is-shown", !!shown && card.getAttribute("data-tp") === shown.trigger_point.id);
    });
    return shown;
  }

  function pick(items) {
    for (var i = 0; i < items.length; i++) if (items[i].trigger_point.id === state.show) return items[i];
    return items[0] || null;
  }

  /* --- the list ---------------------------------------------------------- */
  function card(item) {
    var t = item.trigger_point;
    var side = item.sides[0];
    var li = el("li", { "class": "card" + (item.matched ? " result" : ""), "data-tp": t.id });
    li.appendChild(el("img", {
      "class": "thumb", src: "/svg/trigger-points/" + t.id + ".svg?side=" + side, width: "96", height: "96",
      alt: "Pain pattern of " + t.name, loading: "lazy"
    }));
    var body = el("div", { "class": "card-body" });
    var h = el("h3", { "class": "card-title" });
    h.appendChild(el("a", { href: "/trigger-points/" + t.id + (side !== "right" ? "?side=" + side : "") }, t.name));
    body.appendChild(h);
    var ess = item.matched ? item.matched.essential : t.referral.essential;
    var spill = item.matched ? item.matched.spillover : t.referral.spillover;
    [[ess, "tag tag-essential", "Main pain zone"], [spill, "tag tag-spillover", "Sometimes also"]].forEach(function (z) {
      if (!z[0].length) return;
      var p = el("p", { "class": "zones" });
      p.appendChild(el("span", { "class": z[1] }, z[2]));
      p.appendChild(document.createTextNode(" " + words(names(z[0]))));
      body.appendChild(p);
    });
    if (item.explanation) body.appendChild(el("p", { "class": "explanation" }, item.explanation));
    if (item.matched && t.conditions.length) {
      var rel = el("p", { "class": "related" }, "Related: ");
      t.conditions.forEach(function (cid, i) {
        if (i) rel.appendChild(document.createTextNode(", "));
        rel.appendChild(el("a", { href: "/conditions/" + cid }, data.conditions[cid] || cid));
      });
      body.appendChild(rel);
    }
    var actions = el("p", { "class": "card-actions" });
    actions.appendChild(el("a", { "class": "show-link", "data-tp": t.id, href: url(Object.assign({}, state, { show: t.id })) },
      "Show on the map"));
    if (item.matched) actions.appendChild(el("a", { href: "/muscles/" + t.muscle }, "About the " + t.muscle_name.toLowerCase()));
    body.appendChild(actions);
    li.appendChild(body);
    return li;
  }

  function renderSelection() {
    selectionEl.textContent = "";
    if (!state.regions.length) return;
    selectionEl.appendChild(el("p", {}, "Selected:"));
    var ul = el("ul", { "class": "chips" });
    state.regions.forEach(function (id) {
      var li = el("li");
      var a = el("a", { "class": "chip", "data-region": id, href: url(toggled(state, id)), "aria-label": "Remove " + data.regions[id] },
        data.regions[id] + " ");
      a.appendChild(el("span", { "aria-hidden": "true" }, "\u00d7"));
      li.appendChild(a);
      ul.appendChild(li);
    });
    selectionEl.appendChild(ul);
  }

  function renderActions() {
    var link = twin(state);
    document.getElementById("actions").hidden = !link;
    document.getElementById("twin-link").setAttribute("href", link || "");
    var print = document.getElementById("print-link");
    if (print) print.setAttribute("href", url(state, "/print"));
    document.getElementById("clear-link").setAttribute("href", url({ view: state.view, mode: state.mode, regions: [], show: null }));
    root.querySelectorAll(".switch a[data-view]").forEach(function (a) {
      a.setAttribute("href", url(Object.assign({}, state, { view: a.getAttribute("data-view") })));
    });
  }

  var lastItems = [];
  function update() {
    renderSelection();
    renderActions();
    var link = twin(state);
    var mine = ++request;
    if (!link) {
      lastItems = [];
      results.textContent = "";
      paint([]);
      statusEl.textContent = "Nothing selected yet: select an area on the body.";
      return;
    }
    paint(lastItems);
    statusEl.textContent = "Looking up\u2026";
    fetch(link, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (doc) {
        if (mine !== request) return;
        var items = state.mode === "locate"
          ? doc.items.map(function (t) { return { trigger_point: t, sides: [sideOf(state.regions[0])] }; })
          : doc.items;
        lastItems = items;
        results.textContent = "";
        items.forEach(function (item) { results.appendChild(card(item)); });
        announce(items, paint(items));
      })
      .catch(function () {
        if (mine === request) statusEl.textContent = "The results could not be loaded; reload the page to try again.";
      });
  }

  function sideOf(id) { return /-left$/.test(id) ? "left" : "right"; }

  function announce(items, shown) {
    if (!items.length) {
      statusEl.textContent = "No trigger point in the catalogue " + (state.mode === "pain" ? "refers pain here." : "lies here.");
      return;
    }
    statusEl.textContent = items.length + " trigger point" + (items.length === 1 ? "" : "s") +
      (shown ? "; the map shows the pattern of " + shown.trigger_point.name : "") + ".";
  }

  function go(next) {
    state = next;
    window.history.pushState(null, "", url(state));
    update();
  }

  /* --- events ------------------------------------------------------------ */
  root.addEventListener("click", function (event) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
    var target = event.target.closest("a");
    if (!target) return;
    var region = target.querySelector("[data-region]") || (target.classList.contains("chip") ? target : null);
    if (region) {
      event.preventDefault();
      go(toggled(state, region.getAttribute("data-region")));
    } else if (target.classList.contains("show-link")) {
      event.preventDefault();
      state = Object.assign({}, state, { show: target.getAttribute("data-tp") });
      window.history.pushState(null, "", url(state));
      announce(lastItems, paint(lastItems));
      if (document.getElementById("bodymap")) document.getElementById("bodymap").scrollIntoView({ behavior: "smooth", block: "nearest" });
    }
  });

  root.addEventListener("keydown", function (event) {
    if (event.key !== " " && event.key !== "Spacebar") return;
    var target = event.target.closest && event.target.closest("a");
    if (target && target.querySelector("[data-region]")) {
      event.preventDefault();
      go(toggled(state, target.querySelector("[data-region]").getAttribute("data-region")));
    }
  });

  root.addEventListener("change", function (event) {
    if (event.target.name === "region") go(toggled(state, event.target.value));
  });

  window.addEventListener("popstate", function () {
    var next = readUrl(window.location.search);
    if (next.view !== state.view || next.mode !== state.mode) { window.location.reload(); return; }
    state = next;
    update();
  });

  /* The server rendered the first state; remember its answer so the map can repaint without a request. */
  if (twin(state)) {
    fetch(twin(state), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (doc) {
        lastItems = state.mode === "locate"
          ? doc.items.map(function (t) { return { trigger_point: t, sides: [sideOf(state.regions[0])] }; })
          : doc.items;
      })
      .catch(function () { lastItems = []; });
  }
})();
