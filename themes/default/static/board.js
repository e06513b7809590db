// The roadmap board's filter bar, where JavaScript runs: menus that filter
// the cards in place, by team, owner, status, goal and tag at once. The
// board and its filtered pages work without it; this only saves the trip.
(function () {
  "use strict";
  var data = document.getElementById("board-facets");
  var bar = document.querySelector(".filter-bar");
  if (!data || !bar) return;
  var facets = JSON.parse(data.textContent);
  var dims = ["team", "owner", "status", "goal", "tag"].filter(function (d) {
    return facets[d] && facets[d].length > 0;
  });
  var form = document.createElement("form");
  form.className = "board-filter";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", "Filter the board");
  var selects = {};
  dims.forEach(function (dim) {
    var label = document.createElement("label");
    var name = document.createElement("span");
    name.textContent = dim.charAt(0).toUpperCase() + dim.slice(1);
    var select = document.createElement("select");
    select.name = dim;
    select.add(new Option("Any", ""));
    facets[dim].forEach(function (v) {
      select.add(new Option(v.title + " (" + v.count + ")", v.slug));
    });
    select.addEventListener("change", apply);
    label.appendChild(name);
    label.appendChild(select);
    form.appendChild(label);
    selects[dim] = select;
  });
  var clear = document.createElement("button");
  clear.type = "reset";
  clear.textContent = "Clear";
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.appendChild(clear);
  var status = document.createElement("p");
  status.className = "board-filter-status muted";
  status.setAttribute("aria-live", "polite");
  form.appendChild(status);
  var priority = bar.querySelector(".filter-priority");
  bar.querySelector(".filter-list").hidden = true;
  bar.appendChild(form);
  if (priority) {
    var keep = document.createElement("p");
    keep.className = "filter-priority";
    keep.appendChild(priority.firstElementChild.cloneNode(true));
    form.appendChild(keep);
  }

  function matches(card) {
    return dims.every(function (dim) {
      var want = selects[dim].value;
      if (!want) return true;
      var have = (card.getAttribute("data-" + dim) || "").split(" ");
      return have.indexOf(want) >= 0;
    });
  }

  var statusTitles = {};
  (facets.status || []).forEach(function (v) { statusTitles[v.slug] = v.title.replace(/-/g, " "); });

  // "(1 shipped, 2 dropped)" for the finished cards shown, in board order.
  function breakdown(cards) {
    var counts = {};
    cards.forEach(function (card) {
      var s = card.getAttribute("data-status") || "";
      counts[s] = (counts[s] || 0) + 1;
    });
    var parts = (facets.status || []).filter(function (v) { return counts[v.slug]; })
      .map(function (v) { return counts[v.slug] + " " + statusTitles[v.slug]; });
    return "(" + parts.join(", ") + ")";
  }

  function apply() {
    var shown = 0;
    var perColumn = {};
    var chosen = dims.filter(function (d) { return selects[d].value; });
    document.querySelectorAll(".board-col").forEach(function (col) {
      var open = 0;
      var done = [];
      col.querySelectorAll(".board-card").forEach(function (card) {
        var ok = matches(card);
        card.parentElement.hidden = !ok;
        if (!ok) return;
        if (card.closest(".board-finished")) done.push(card); else open++;
      });
      shown += open + done.length;
      perColumn[col.id] = open + done.length;
      var count = col.querySelector(".board-col-head .count");
      if (count) count.firstChild.textContent = String(open + done.length);
      var finished = col.querySelector(".board-finished");
      if (finished) {
        finished.hidden = done.length === 0;
        finished.querySelector(".board-finished-count").textContent = String(done.length);
        finished.querySelector(".board-finished-by").textContent = breakdown(done);
      }
    });
    document.querySelectorAll(".board-tabs a").forEach(function (tab) {
      var n = perColumn[tab.getAttribute("href").slice(1)];
      var count = tab.querySelector(".count");
      if (count && n !== undefined) count.textContent = String(n);
    });
    status.textContent = chosen.length === 0 ? "" :
      shown + (shown === 1 ? " item matches." : " items match.");
  }
})();
