// Search as you type: every input[data-suggest] shows the first hits of the JSON search under the box.
// Progressive enhancement: without this script the form still submits to /search. Text goes in with
// textContent only, never as HTML.
(() => {
  "use strict";
  const MIN_CHARS = 2;
  const DELAY_MS = 120;
  const LIMIT = 8;

  for (const input of document.querySelectorAll("input[data-suggest]")) attach(input);

  function attach(input) {
    const list = document.createElement("ul");
    list.id = `${input.id}-suggestions`;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    const status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.after(list, status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    let timer = 0;
    let controller = null;
    let hits = [];
    let active = -1;

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, DELAY_MS);
    });
    input.addEventListener("keydown", onKey);
    input.addEventListener("blur", () => setTimeout(close, 150));
    list.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus until the click lands

    async function suggest() {
      const q = input.value.trim();
      if (q.length < MIN_CHARS) return close();
      if (controller) controller.abort();
      controller = new AbortController();
      const url = `${input.dataset.suggest}?${new URLSearchParams({ q, limit: LIMIT })}`;
      try {
        const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!response.ok) return close();
        const body = await response.json();
        if (input.value.trim() === q) show(body.items);
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    }

    function show(items) {
      hits = items;
      active = -1;
      list.replaceChildren(
        ...items.map((hit, i) => {
          const option = document.createElement("li");
          option.id = `${list.id}-${i}`;
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          const link = document.createElement("a");
          link.href = hit.url;
          link.tabIndex = -1;
          link.textContent = hit.name;
          const detail = document.createElement("span");
          detail.className = "muted";
          detail.textContent = ` ${hit.detail}${hit.via ? ` · ${hit.via}` : ""}`;
          link.append(detail);
          option.append(link);
          return option;
        }),
      );
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(items.length > 0));
      input.removeAttribute("aria-activedescendant");
      status.textContent = items.length ? `${items.length} suggestions; up and down arrows to choose.` : "";
    }

    function close() {
      list.hidden = true;
      hits = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function move(step) {
      const options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (active + step + options.length) % options.length;
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
      input.setAttribute("aria-activedescendant", options[active].id);
    }

    function onKey(event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        move(event.key === "ArrowDown" ? 1 : -1);
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(hits[active].url);
      }
    }
  }
})();
