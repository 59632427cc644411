/* eventcoder review page. No inline script (CSP script-src 'self'); every piece of data is inserted with
   textContent or as an attribute value, never as HTML; no link is ever made from document data. */
(function () {
  "use strict";

  var FIELDS = [
    ["event_date", "date"], ["time_precision", "int"], ["date_text", "str"], ["calendar", "str"],
    ["country", "str"], ["iso", "str"], ["admin1", "str"], ["admin2", "str"], ["location", "str"],
    ["location_text", "str"], ["latitude", "float"], ["longitude", "float"], ["geo_precision", "int"],
    ["gazetteer_id", "str"], ["event_type", "str"], ["sub_event_type", "str"], ["attack_type", "str"],
    ["weapon_type", "str"], ["weapon_detail", "str"], ["actor1", "str"], ["actor1_text", "str"],
    ["assoc_actor_1", "str"], ["actor2", "str"], ["actor2_text", "str"], ["assoc_actor_2", "str"],
    ["target_type", "str"], ["killed", "int"], ["wounded", "int"], ["killed_or_wounded", "int"],
    ["casualty_qualifier", "enum:exact,approximate,at_least,more_than,vague,none_stated"],
    ["vehicles_destroyed", "int"], ["territory_change", "bool"], ["claimed", "bool"],
    ["source_type", "enum:claim,news,official,ngo,other"], ["confidence", "float"], ["notes", "text"]
  ];
  var NOT_NULL = { casualty_qualifier: 1, territory_change: 1, claimed: 1, source_type: 1, notes: 1, confidence: 1 };
  var PALETTE = ["#ffd8a8", "#b2f2bb", "#a5d8ff", "#ffc9c9", "#d0bfff", "#ffec99", "#99e9f2", "#fcc2d7",
    "#c0eb75", "#eebefa", "#ffe066", "#96f2d7", "#bac8ff", "#ffa8a8", "#d8f5a2", "#ced4da"];
  var STATUS_COLOR = { proposed: "#bf8700", approved: "#1a7f37", rejected: "#cf222e" };
  // fields quoted from the source as written (they may hold the source's own words, slurs included);
  // every other field is normalized and neutral
  var AS_WRITTEN = { date_text: 1, location_text: 1, actor1_text: 1, actor2_text: 1 };
  // "needs review": confidence below the server's cut-off (/api/me review_confidence; `eventcoder serve
  // --review-confidence`), or a weak location; the API filters the whole store (needs_review=true)
  var LOW_CONFIDENCE = 0.9;

  var state = { key: sessionStorage.getItem("eventcoder-key") || "", events: [], sel: -1, detail: null,
    sortKey: "event_date", sortDir: 1, ticked: {}, loaded: 0, total: 0 };
  var map = null, markers = null;
  var countryShapes = [], countryCodes = { by_number: {}, by_name: {} };  // the base map's countries (session 12)

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  var colours = {};  // field -> colour, assigned in order of the open event's evidence: distinct up to 16
  function assignColours(fields) {
    colours = {};
    fields.forEach(function (f, i) { colours[f] = PALETTE[i % PALETTE.length]; });
  }
  function colorOf(field) { return colours[field] || "#dde1e6"; }

  function say(msg, kind) {
    var s = $("status");
    s.textContent = msg || "";
    s.className = msg ? (kind || "ok") : "";
  }

  function headers(extra) {
    var h = extra || {};
    if (state.key) h["X-API-Key"] = state.key;
    return h;
  }

  function api(method, path, body) {
    var opts = { method: method, headers: headers({ "Accept": "application/json" }) };
    if (body !== undefined) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    return fetch(path, opts).catch(function () {
      throw new Error("Cannot reach the eventcoder server at " + location.origin +
        ": is `eventcoder serve` still running? Start it again, then reload this page.");
    }).then(function (r) {
      if (r.status === 204) return null;
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var msg = (data && data.error && data.error.message) || ("HTTP " + r.status);
          if (r.status === 401) {
            msg = "API key refused (" + msg + "): paste a valid key above; an admin creates one with " +
              "`eventcoder keys create --role analyst --db STORE`.";
          }
          var err = new Error(msg);
          err.status = r.status;
          throw err;
        }
        return data;
      });
    });
  }

  function filterQuery() {
    var params = new URLSearchParams();
    var form = $("filters");
    Array.prototype.forEach.call(form.elements, function (inp) {
      if (inp.name && inp.value) params.set(inp.name, inp.value.trim());
    });
    return params;
  }

  // what the API is asked for: the form's filters and "Needs review", which the server applies to the whole
  // store (it filtered only the 1,000 events loaded before)
  function apiQuery() {
    var q = filterQuery();
    if ($("f-needs").checked) q.set("needs_review", "true");
    return q;
  }

  // the date boxes take ISO dates whatever the browser's locale: say what is wrong before asking the server
  function badDate() {
    var boxes = [["f-date-from", "From"], ["f-date-to", "To"]];
    for (var i = 0; i < boxes.length; i++) {
      var inp = $(boxes[i][0]), v = inp.value.trim();
      var ok = !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !isNaN(Date.parse(v + "T00:00:00Z")) &&
        new Date(v + "T00:00:00Z").toISOString().slice(0, 10) === v);
      inp.classList.toggle("failed", !ok);
      if (!ok) return boxes[i][1] + ": " + JSON.stringify(v) + " is not a date; write it as YYYY-MM-DD (e.g. 2017-01-31)";
    }
    return "";
  }

  // ---- map -------------------------------------------------------------------------------------
  function initMap() {
    if (typeof L === "undefined") { say("map library missing", "error"); return; }
    map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 }).setView([25, 30], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth (public domain) via world-atlas");
    markers = L.layerGroup().addTo(map);
    window.reviewMap = map;  // read by the browser tests (zoom, centre, where a point is on screen) and the console
    map.on("click", function (e) { if (picking) pickAt(e.latlng); });
    fetch("/static/country_numbers.json").then(function (r) { return r.json(); })
      .then(function (c) { countryCodes = c; }).catch(function () { /* no country check on a map pick */ });
    fetch("/static/vendor/world-atlas/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      if (typeof topojson === "undefined") return;
      var land = topojson.feature(topo, topo.objects.countries);
      countryShapes = land.features;
      L.geoJSON(land, { interactive: false,
        style: { color: "#8c959f", weight: 0.6, fillColor: "#f2f0ea", fillOpacity: 1 } }).addTo(map).bringToBack();
    }).catch(function () { say("base map could not be loaded", "error"); });
  }

  function drawMap() {
    if (!map) return;
    markers.clearLayers();
    var pts = [];
    state.events.forEach(function (ev, i) {
      if (typeof ev.latitude !== "number" || typeof ev.longitude !== "number") return;
      var m = L.circleMarker([ev.latitude, ev.longitude], {
        radius: i === state.sel ? 8 : 5, weight: i === state.sel ? 3 : 1, color: "#24292f",
        fillColor: STATUS_COLOR[ev.review_status] || "#57606a", fillOpacity: 0.85 });
      var tip = el("div");
      tip.appendChild(el("strong", ev.event_date || "undated"));
      tip.appendChild(el("div", [ev.location, ev.country].filter(Boolean).join(", ")));
      tip.appendChild(el("div", ev.sub_event_type || ev.event_type || ""));
      m.bindTooltip(tip);  // a DOM node, so Leaflet never parses document text as HTML
      m.on("click", function (e) { if (picking) pickAt(e.latlng); else select(i, false); });
      markers.addLayer(m);
      pts.push([ev.latitude, ev.longitude]);
    });
    return pts;
  }

  function fitMap(pts) {
    if (!map || !pts || !pts.length) return;
    map.invalidateSize();
    if (pts.length === 1) map.setView(pts[0], 6);
    else map.fitBounds(pts, { padding: [20, 20], maxZoom: 8 });
  }

  // ---- timeline --------------------------------------------------------------------------------
  function drawTimeline() {
    var svg = $("timeline");
    clear(svg);
    var dates = state.events.map(function (e) { return e.event_date; }).filter(Boolean).sort();
    $("timeline-range").textContent = dates.length ? dates[0] + " \u2013 " + dates[dates.length - 1] : "no dated events";
    if (!dates.length) return;
    var first = new Date(dates[0] + "T00:00:00Z"), last = new Date(dates[dates.length - 1] + "T00:00:00Z");
    var days = Math.round((last - first) / 86400000) + 1;
    var byMonth = days > 120;
    var keyOf = function (d) { return byMonth ? d.slice(0, 7) : d; };
    var bins = [], index = {};
    var cur = new Date(first.getTime());
    while (cur <= last && bins.length < 2000) {
      var k = keyOf(cur.toISOString().slice(0, 10));
      if (!(k in index)) { index[k] = bins.length; bins.push({ key: k, n: 0 }); }
      if (byMonth) cur.setUTCMonth(cur.getUTCMonth() + 1, 1); else cur.setUTCDate(cur.getUTCDate() + 1);
    }
    dates.forEach(function (d) { var k = keyOf(d); if (k in index) bins[index[k]].n++; });
    var max = Math.max.apply(null, bins.map(function (b) { return b.n; }));
    var w = svg.clientWidth || 600, h = 64, base = 52, bw = w / bins.length;
    var NS = "http://www.w3.org/2000/svg";
    bins.forEach(function (b, i) {
      var bh = b.n ? Math.max(2, (b.n / max) * (base - 4)) : 0;
      var r = document.createElementNS(NS, "rect");
      r.setAttribute("class", "bar");
      r.setAttribute("x", String(i * bw + 0.5));
      r.setAttribute("width", String(Math.max(1, bw - 1)));
      r.setAttribute("y", String(base - bh));
      r.setAttribute("height", String(bh));
      var t = document.createElementNS(NS, "title");
      t.textContent = b.key + ": " + b.n + " event" + (b.n === 1 ? "" : "s");
      r.appendChild(t);
      r.addEventListener("click", function () { filterToBin(b.key, byMonth); });
      svg.appendChild(r);
    });
    [0, bins.length - 1].forEach(function (i, j) {
      var tx = document.createElementNS(NS, "text");
      tx.setAttribute("x", String(j ? w - 2 : 2));
      tx.setAttribute("y", String(h - 2));
      tx.setAttribute("text-anchor", j ? "end" : "start");
      tx.textContent = bins[i].key;
      svg.appendChild(tx);
    });
  }

  function filterToBin(key, byMonth) {
    if (byMonth) {
      var y = +key.slice(0, 4), m = +key.slice(5, 7);
      var end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      $("f-date-from").value = key + "-01"; $("f-date-to").value = end;
    } else { $("f-date-from").value = key; $("f-date-to").value = key; }
    load();
  }

  // ---- table -----------------------------------------------------------------------------------
  var COLS = ["event_date", "country", "admin1", "location", "event_type", "actor1", "actor2", "killed", "review_status",
    "sources"];
  var NUMERIC = { killed: 1, sources: 1 };

  function cellValue(ev, c) {  // "sources": how many reports the event stands on (more than 1 after a merge)
    if (c === "sources") return (ev.doc_ids || []).length;
    return ev[c];
  }

  function sortEvents() {
    var k = state.sortKey, d = state.sortDir;
    var selId = state.sel >= 0 ? state.events[state.sel].event_id : null;
    state.events.sort(function (a, b) {
      var x = cellValue(a, k), y = cellValue(b, k);
      if (x === y) return a.event_id < b.event_id ? -1 : 1;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * d;
    });
    state.sel = selId ? indexOf(selId) : -1;
  }

  function needsReview(ev) {  // the server's reasons (store.REVIEW_REASONS_SQL: the needs_review filter's own rule)
    return ev.review_reasons || [];
  }

  function filtersActive() {
    return filterQuery().toString() !== "" || $("f-needs").checked;
  }

  // the view (filters, sort, open event) lives in the URL's #fragment, so a reload or a shared link
  // comes back to the same place
  function saveHash() {
    var q = filterQuery();
    if ($("f-needs").checked) q.set("needs", "1");
    if (state.sortKey !== "event_date" || state.sortDir !== 1) q.set("sort", (state.sortDir < 0 ? "-" : "") + state.sortKey);
    if (state.sel >= 0 && state.events[state.sel]) q.set("ev", state.events[state.sel].event_id);
    var h = q.toString();
    if (h !== location.hash.replace(/^#/, "")) history.replaceState(null, "", h ? "#" + h : location.pathname);
  }

  function readHash() {
    var q = new URLSearchParams(location.hash.replace(/^#/, ""));
    Array.prototype.forEach.call($("filters").elements, function (inp) {
      if (inp.name && q.has(inp.name)) inp.value = q.get(inp.name);
    });
    $("f-needs").checked = q.get("needs") === "1";
    var sort = q.get("sort");
    if (sort && COLS.indexOf(sort.replace(/^-/, "")) >= 0) {
      state.sortKey = sort.replace(/^-/, ""); state.sortDir = sort.charAt(0) === "-" ? -1 : 1;
    }
    return q.get("ev");
  }

  // the names seen so far (country and admin1 match exactly, ignoring case: offer the stored spellings)
  var seen = { country: {}, admin1: {}, actor: {} };
  function learnNames(events) {
    events.forEach(function (ev) {
      if (ev.country) seen.country[ev.country] = 1;
      if (ev.admin1) seen.admin1[ev.admin1] = 1;
      [ev.actor1, ev.actor2, ev.assoc_actor_1, ev.assoc_actor_2].forEach(function (a) { if (a) seen.actor[a] = 1; });
    });
    Object.keys(seen).forEach(function (k) {
      var dl = $("dl-" + k);
      var names = Object.keys(seen[k]).sort();
      if (dl.children.length === names.length) return;
      clear(dl);
      names.forEach(function (n) { var o = el("option"); o.value = n; dl.appendChild(o); });
    });
  }

  function showCount(total, needs) {
    var done = state.events.filter(function (ev) { return ev.review_status !== "proposed"; }).length;
    // with Needs review ticked, the listed events that no longer need it (approved, rejected, or corrected to a
    // place and confidence that pass) leave the list only at the next load: say how many still do meanwhile
    var fixed = needs ? state.events.filter(function (ev) { return !needsReview(ev).length; }).length : 0;
    $("count").textContent = total + " event" + (total === 1 ? "" : "s") + (needs ? (total === 1 ? " needs review" : " need review") : "") +
      (fixed ? " (" + (total - fixed) + " still do)" : "") +
      (total > state.loaded ? " (first " + state.loaded + " loaded)" : "") +
      (state.events.length ? " \u00b7 " + done + " of " + state.events.length + " reviewed" : "");
  }

  function indexOf(id) {
    for (var i = 0; i < state.events.length; i++) if (state.events[i].event_id === id) return i;
    return -1;
  }

  function tableMessage(tb) {
    var td = el("td", null, "message");
    td.colSpan = COLS.length + 1;
    td.id = "table-message";
    if (state.total === 0 && !filtersActive()) {
      td.appendChild(document.createTextNode("No events yet \u2014 run "));
      td.appendChild(el("code", "eventcoder run REPORTS --db STORE"));
      td.appendChild(document.createTextNode(" on this store (stop the server first), then start "));
      td.appendChild(el("code", "eventcoder serve --db STORE"));
      td.appendChild(document.createTextNode(" again and reload this page."));
    } else if ($("f-needs").checked) {
      td.textContent = "No event " + (filterQuery().toString() ? "matching these filters " : "") +
        "needs review (none has a weak location or a confidence below " + LOW_CONFIDENCE +
        "). Untick \u201cNeeds review\u201d to see every event.";
    } else {
      td.textContent = "No events match these filters. Press Clear to see every event.";
    }
    var tr = el("tr");
    tr.appendChild(td);
    tb.appendChild(tr);
  }

  function drawTable() {
    var tb = document.querySelector("#events tbody");
    clear(tb);
    if (!state.events.length && state.key !== null) tableMessage(tb);
    state.events.forEach(function (ev, i) {
      var tr = el("tr");
      tr.dataset.id = ev.event_id;
      if (i === state.sel) tr.classList.add("selected");
      var why = needsReview(ev);
      if (why.length) { tr.classList.add("flag"); tr.title = "needs review: " + why.join("; "); }
      var td0 = el("td", null, "chk");
      var cb = el("input");
      cb.type = "checkbox";
      cb.title = "Tick to merge into the open event";
      cb.checked = !!state.ticked[ev.event_id];
      cb.addEventListener("click", function (e) { e.stopPropagation(); state.ticked[ev.event_id] = cb.checked; });
      td0.appendChild(cb);
      tr.appendChild(td0);
      COLS.forEach(function (c) {
        var v = cellValue(ev, c);
        var td = el("td", v === null || v === undefined ? "" : v, NUMERIC[c] ? "num" : (c === "review_status" ? "st-" + v : ""));
        td.title = v === null || v === undefined ? "" : String(v);
        if (c === "sources") td.title = v + " report" + (v === 1 ? "" : "s") + (v > 1 ? " (merged: split them in the event view)" : "");
        if (c === "sources" && v > 1) td.classList.add("multi");
        tr.appendChild(td);
      });
      tr.addEventListener("click", function () { select(i, false); });
      tb.appendChild(tr);
    });
    document.querySelectorAll("#events th[data-key]").forEach(function (th) {
      th.className = th.dataset.key === state.sortKey ? (state.sortDir > 0 ? "sorted-asc" : "sorted-desc") : "";
      if (NUMERIC[th.dataset.key]) th.className += " num";
    });
  }

  function redraw(fit) {
    drawTable();
    var pts = drawMap();
    if (fit) fitMap(pts);
    drawTimeline();
  }

  var loadSeq = 0;  // only the latest request's answer is drawn (filters changed quickly, key + auto-load)

  function load(keepId) {
    var seq = ++loadSeq;
    var wrong = badDate();
    if (wrong) { say(wrong, "error"); return Promise.resolve(); }
    var q = apiQuery();
    q.set("limit", "1000");
    return api("GET", "/api/events?" + q.toString()).then(function (data) {
      if (seq !== loadSeq) return;
      state.total = data.total;
      state.loaded = data.events.length;
      learnNames(data.events);
      state.events = data.events;
      showCount(data.total, $("f-needs").checked);
      state.sel = -1;
      sortEvents();
      if (keepId) state.sel = indexOf(keepId);
      redraw(true);
      if (state.sel < 0) { $("detail").hidden = true; $("empty").hidden = false; state.detail = null; }
      else openEvent(keepId);
      saveHash();
      say("");
    }).catch(function (e) {
      if (seq !== loadSeq) return;
      state.events = []; state.sel = -1;
      $("count").textContent = "no events";
      redraw(false);
      clear(document.querySelector("#events tbody"));
      say(e.message, "error");
    });
  }

  // ---- event view ------------------------------------------------------------------------------
  function select(i, scroll) {
    if (i < 0 || i >= state.events.length) return;
    state.sel = i;
    document.querySelectorAll("#events tbody tr").forEach(function (tr, j) { tr.classList.toggle("selected", j === i); });
    var row = document.querySelectorAll("#events tbody tr")[i];
    var wrap = $("table-wrap");
    if (row) {  // keep the row in view without scrolling sideways
      var top = row.offsetTop - 30, bottom = row.offsetTop + row.offsetHeight;
      if (top < wrap.scrollTop) wrap.scrollTop = top;
      else if (bottom > wrap.scrollTop + wrap.clientHeight) wrap.scrollTop = bottom - wrap.clientHeight;
    }
    drawMap();
    var ev = state.events[i];
    // zoom to the event, as close as its place is known (a village closer than its province): at world zoom a
    // village and its province looked the same. A closer zoom of the analyst's own is kept while the point shows
    if (map && typeof ev.latitude === "number" && typeof ev.longitude === "number") {
      var pt = [ev.latitude, ev.longitude], z = ZOOM_OF_PRECISION[ev.geo_precision] || ZOOM_OF_PRECISION[3];
      var go = function () { if (map.getZoom() < z || !map.getBounds().contains(pt)) map.setView(pt, z); };
      // Leaflet drops a setView asked for while a zoom animation runs (the table's fit on load): wait for its end
      if (map._animatingZoom) map.once("zoomend", go); else go();
    }
    saveHash();
    openEvent(ev.event_id, !scroll);
  }

  // geo_precision -> map zoom on opening an event (session 12): close enough to tell a village from its province,
  // far enough that the base map (country borders only) still shows where it is: at 10 the pane was a dot on blank
  var ZOOM_OF_PRECISION = { 1: 8, 2: 7, 3: 5 };
  var PLACE_FIELDS = ["location", "location_text", "admin1", "admin2", "country"];  // evidence that places the event

  var NARROW = window.matchMedia("(max-width: 1000px)");  // map, table and event stacked (app.css)

  function openEvent(id, reveal) {
    if (picking && picking.id !== id) { stopPick(); say("pick cancelled: another event is open"); }
    return api("GET", "/api/events/" + encodeURIComponent(id)).then(function (d) {
      state.detail = d;
      renderDetail(d);
      if (reveal && NARROW.matches) $("right").scrollIntoView({ block: "start" });
    }).catch(function (e) { say(e.message, "error"); });
  }

  function parseValue(kind, raw, field) {
    if (raw === "" && !NOT_NULL[field]) return null;
    if (kind === "int") { var n = Number(raw); if (!Number.isInteger(n)) throw new Error(field + ": whole number expected"); return n; }
    if (kind === "float") { var f = Number(raw); if (!isFinite(f)) throw new Error(field + ": number expected"); return f; }
    return raw;
  }

  function saveField(field, value, input) {
    var id = state.detail.event.event_id;
    var body = {};
    body[field] = value;
    return api("PATCH", "/api/events/" + encodeURIComponent(id), body).then(function (ev) {
      updateRow(ev);
      if (input) { input.className = "saved"; }
      say("saved " + field);
      return openEvent(id);
    }).catch(function (e) { if (input) input.className = "failed"; say(e.message, "error"); });
  }

  // an audit entry's changes as "field: old → new", only what changed: a place correction sends every place
  // field, and evidence and context are whole objects, so they are compared key by key (evidence.location)
  function changeParts(before, after) {
    var parts = [];
    function one(name, b, a) {
      var bs = JSON.stringify(b === undefined ? null : b), as = JSON.stringify(a === undefined ? null : a);
      if (bs !== as) parts.push(name + ": " + bs + " \u2192 " + as);
    }
    Object.keys(after).forEach(function (k) {
      if (k === "undoes") return;
      var b = before[k], a = after[k];
      if ((k === "evidence" || k === "context") && a && typeof a === "object") {
        var subs = Object.keys(Object.assign({}, b || {}, a));
        subs.forEach(function (sk) { one(k + "." + sk, (b || {})[sk], a[sk]); });
      } else {
        one(k, b, a);
      }
    });
    return parts.length ? parts : ["no change"];
  }

  function undoChange(auditId) {
    var id = state.detail.event.event_id;
    return api("POST", "/api/events/" + encodeURIComponent(id) + "/undo", { audit_id: auditId }).then(function (ev) {
      updateRow(ev);  // the needs-review mark and count follow the restored values
      say("undid change #" + auditId);
      return openEvent(id);
    }).catch(function (e) { say(e.message, "error"); });
  }

  function renderDetail(d) {
    var ev = d.event;
    $("empty").hidden = true;
    $("detail").hidden = false;
    $("d-id").textContent = ev.event_id;
    var st = $("d-status");
    st.textContent = ev.review_status;
    st.className = "badge st-" + ev.review_status;
    var why = needsReview(ev);  // say why in the open event too, not only in the row's tooltip
    $("d-review").textContent = why.length ? "needs review: " + why.join("; ") : "";
    $("d-review").hidden = !why.length;
    clear($("place-results"));
    $("place-note").textContent = "";
    // the place and why it was chosen (the geocode stage's reason, or who corrected it), beside the place tools
    $("d-place-name").textContent = "Place: " + ([ev.location, ev.admin1, ev.country].filter(Boolean).join(", ") || "none");
    $("d-geo-reason").textContent = ev.geo_reason ? "\u2014 why: " + ev.geo_reason : "\u2014 why: no reason recorded";
    // an event placed from a roundup's heading cites the heading ("Kirkuk Wilayah"): say so, rather than let the
    // mark read as if the incident's sentence named the place (session 13)
    var fromHeading = d.evidence.filter(function (sp) { return sp.heading && PLACE_FIELDS.indexOf(sp.field) >= 0; })[0];
    $("d-place-heading").textContent = fromHeading ? "place from the report's heading \u201c" + fromHeading.text.trim() +
      "\u201d, not from the incident's sentence" : "";
    $("d-place-heading").hidden = !fromHeading;
    var evidence = ev.evidence || {};
    assignColours(d.evidence.map(function (sp) { return sp.field; }));
    var fields = $("fields");
    clear(fields);
    FIELDS.forEach(function (fk) {
      var name = fk[0], kind = fk[1];
      var wrap = el("div", null, "field" + (kind === "text" ? " wide" : "") + (AS_WRITTEN[name] ? " as-written" : ""));
      if (AS_WRITTEN[name]) wrap.title = "as written in the source (a quotation, not a normalized value)";
      var lab = el("label");
      var inputId = "field-" + name;
      lab.htmlFor = inputId;
      if (evidence[name]) {
        var sw = el("span", null, "swatch");
        sw.style.background = colorOf(name);
        sw.title = "evidence in the source text: click to show it";
        sw.dataset.field = name;
        sw.addEventListener("click", function (e) { e.preventDefault(); showEvidence(name); });
        lab.appendChild(sw);
      }
      lab.appendChild(document.createTextNode(name));
      wrap.appendChild(lab);
      var v = ev[name];
      var input;
      if (kind === "bool") {
        input = el("input"); input.type = "checkbox"; input.checked = !!v;
        input.addEventListener("change", function () { saveField(name, input.checked, null); });
      } else if (kind.indexOf("enum:") === 0) {
        input = el("select");
        kind.slice(5).split(",").forEach(function (o) { var op = el("option", o); op.value = o; input.appendChild(op); });
        input.value = v;
        input.addEventListener("change", function () { saveField(name, input.value, input); });
      } else {
        input = el("input"); input.type = "text";
        input.value = v === null || v === undefined ? "" : String(v);
        input.dataset.orig = input.value;
        input.placeholder = "null";
        var commit = function () {
          if (input.value === input.dataset.orig) return;
          var val;
          try { val = parseValue(kind, input.value.trim(), name); } catch (e) { input.className = "failed"; say(e.message, "error"); return; }
          input.dataset.orig = input.value;  // Enter then blur must not save twice
          saveField(name, val, input);
        };
        input.addEventListener("keydown", function (e) {
          if (e.key === "Enter") { e.preventDefault(); commit(); }
          if (e.key === "Escape") { input.value = input.dataset.orig; input.blur(); }
        });
        input.addEventListener("blur", commit);
      }
      input.id = inputId;
      input.name = name;
      wrap.appendChild(input);
      fields.appendChild(wrap);
    });

    // merged events
    var mb = $("merged-box"), ml = $("merged");
    clear(ml);
    mb.hidden = !d.merged.length;
    d.merged.forEach(function (mid) {
      var li = el("li");
      li.appendChild(el("span", mid, "mono"));
      li.appendChild(document.createTextNode(" "));
      var b = el("button", "Split off", "link");
      b.type = "button";
      b.addEventListener("click", function () { splitEvent({ event_ids: [mid] }); });
      li.appendChild(b);
      ml.appendChild(li);
    });

    // documents
    var docs = $("docs");
    clear(docs);
    d.documents.forEach(function (doc, i) {
      var row = el("div", null, "doc");
      row.appendChild(el("span", doc.doc_id, "mono"));
      row.appendChild(el("span", [doc.source, doc.published, doc.title].filter(Boolean).join(" \u00b7 ")));
      if (doc.url) row.appendChild(el("span", doc.url, "muted mono"));  // shown as text, never as a link
      if (d.documents.length > 1) {  // a merged event: each report can be read (session 11: only the first could)
        var rb = el("button", i === 0 ? "read (evidence)" : "read", "link read");
        rb.type = "button";
        rb.title = i === 0 ? "the report the evidence marks point into" : "this report's text (the evidence marks are in the first)";
        rb.addEventListener("click", function () { showDocument(d, i); });
        row.appendChild(rb);
      }
      if (i > 0) {
        var b = el("button", "Split off", "link");
        b.type = "button";
        b.addEventListener("click", function () { splitEvent({ doc_ids: [doc.doc_id] }); });
        row.appendChild(b);
      }
      docs.appendChild(row);
    });
    $("d-source").textContent = d.documents.length ? "(" + d.documents.length + " document" + (d.documents.length > 1 ? "s" : "") + ")" : "(no stored document)";

    // legend + highlighted source text
    var legend = $("legend");
    clear(legend);
    d.evidence.forEach(function (sp) {
      var it = el("span", null, "item");
      var sw = el("span", null, "swatch");
      sw.style.background = colorOf(sp.field);
      it.appendChild(sw);
      it.appendChild(document.createTextNode(sp.field + (sp.heading ? " (heading)" : "")));
      it.title = "click to show the evidence of " + sp.field + (sp.heading ? ": in the report's heading, not in the incident's sentence" : "");
      it.addEventListener("click", function () { showEvidence(sp.field); });
      legend.appendChild(it);
    });
    showDocument(d, 0);

    // audit
    var au = $("audit");
    clear(au);
    var undone = {};  // audit id -> the undo that took it back
    d.audit.forEach(function (a) { if (a.action === "undo" && a.after) undone[a.after.undoes] = a.id; });
    d.audit.slice().reverse().forEach(function (a) {
      var parts = changeParts(a.before || {}, a.after || {});
      var what = a.action === "undo" ? "undo of #" + a.after.undoes : a.action;
      var li = el("li", "#" + a.id + "  " + (a.at || "").replace("T", " ").slice(0, 19) + "  " + (a.who || "?") + "  " + what + "  " + parts.join("; "));
      li.dataset.audit = a.id;
      li.dataset.action = a.action;
      if (a.action === "edit" && undone[a.id]) {
        li.appendChild(el("span", "  (undone by #" + undone[a.id] + ")", "muted"));
      } else if (a.action === "edit" && a.undoable === false) {  // the server would refuse it: say why, no button
        var why = el("span", "  (can't be undone: " + (a.undo_refused || "changed since") + ")", "muted no-undo");
        li.appendChild(why);
      } else if (a.action === "edit" && a.undoable) {  // take the edit back: its earlier values, evidence and place reason
        var b = el("button", "undo", "link undo");
        b.type = "button";
        b.title = "restore the values this change replaced (recorded as an undo, not as a new correction)";
        b.addEventListener("click", function () { undoChange(a.id); });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(b);
      }
      au.appendChild(li);
    });
    if (!d.audit.length) au.appendChild(el("li", "no changes yet", "muted empty"));
  }

  var WIDE_FIELD = "notes";  // its evidence is the incident's whole sentence: underlined, never a fill
  var WINDOW = 200000;  // characters shown at once: browsers stall laying out multi-megabyte lines
  var source = { text: "", spans: [], lo: 0 };

  function renderSource(text, spans, lo) {
    source.text = text; source.spans = spans;
    if (lo === undefined) {
      var starts = spans.map(function (s) { return s.start; });
      lo = starts.length ? Math.max(0, Math.min.apply(null, starts) - 2000) : 0;
    }
    lo = Math.max(0, Math.min(lo, text.length - WINDOW));
    var hi = Math.min(text.length, lo + WINDOW);
    source.lo = lo;
    var note = $("source-window");
    note.hidden = text.length <= WINDOW;
    $("source-range").textContent = "Long document: characters " + lo.toLocaleString("en") + "–" +
      hi.toLocaleString("en") + " of " + text.length.toLocaleString("en") + " shown.";
    $("source-prev").disabled = lo <= 0;
    $("source-next").disabled = hi >= text.length;
    var pre = $("source-text");
    clear(pre);
    var cuts = [lo, hi];
    spans.forEach(function (s) {
      if (s.start >= 0 && s.end <= text.length && s.start < s.end) {
        cuts.push(Math.min(hi, Math.max(lo, s.start))); cuts.push(Math.min(hi, Math.max(lo, s.end)));
      }
    });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    // scroll to where the incident is told: the place's span (location_text, location), else the date's, else the
    // first span. The first span alone was often a roundup's title (an actor named in its heading), far above
    // the incident's own lines (session 10)
    var first = null, best = null, rank = 99, PLACE_FIRST = ["location_text", "location", "event_date"];
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var covering = spans.filter(function (s) { return s.start <= a && s.end >= b && s.start < s.end; });
      var piece = text.slice(a, b);
      if (!covering.length) { pre.appendChild(document.createTextNode(piece)); continue; }
      // the narrowest span's colour fills the piece, the next one's underlines it; `notes` (the whole incident
      // sentence) never fills, it is drawn as a line under its sentence: its colour used to lie under every
      // other field's mark and the page read mostly as "notes" (session 12)
      covering.sort(function (x, y) { return (x.end - x.start) - (y.end - y.start); });
      var fills = covering.filter(function (s) { return s.field !== WIDE_FIELD; });
      var m = el("mark", piece);
      if (fills.length) m.style.background = colorOf(fills[0].field);
      else m.className = "wide";
      if (fills.length > 1) m.style.boxShadow = "inset 0 -3px 0 " + colorOf(fills[1].field);
      if (fills.length < covering.length) m.style.borderBottom = "2px solid " + colorOf(WIDE_FIELD);
      m.dataset.fields = covering.map(function (s) { return s.field; }).join(", ");
      m.title = covering.map(function (s) { return s.field + (s.heading ? " (from the report's heading)" : ""); }).join(", ");
      pre.appendChild(m);
      if (!first) first = m;
      covering.forEach(function (s) {
        var r = PLACE_FIRST.indexOf(s.field);
        if (r >= 0 && r < rank) { rank = r; best = m; }
      });
    }
    first = best || first;
    if (first) pre.scrollTop = Math.max(0, first.offsetTop - pre.offsetTop - 40);
    else pre.scrollTop = 0;
  }

  // scroll the source to a field's evidence (moving the window of a huge document if need be) and flash it
  // the source pane shows one of the event's reports: the first with its evidence marks, another as plain text
  function showDocument(d, i) {
    var doc = d.documents[i];
    renderSource(doc ? doc.text : "", i === 0 ? d.evidence : [], undefined);
    document.querySelectorAll("#docs .doc").forEach(function (r, j) { r.classList.toggle("shown", j === i); });
  }

  function showEvidence(field) {
    if (state.detail && source.spans !== state.detail.evidence) showDocument(state.detail, 0);  // marks are there
    var sp = source.spans.filter(function (s) { return s.field === field; })[0];
    if (!sp) return;
    if (sp.start < source.lo || sp.end > source.lo + WINDOW) renderSource(source.text, source.spans, sp.start - 2000);
    var pre = $("source-text");
    var marks = Array.prototype.filter.call(pre.querySelectorAll("mark"), function (m) {
      return m.dataset.fields.split(", ").indexOf(field) >= 0;
    });
    if (!marks.length) return;
    pre.querySelectorAll("mark.focus").forEach(function (m) { m.classList.remove("focus"); });
    pre.scrollTop = Math.max(0, marks[0].offsetTop - pre.offsetTop - 40);
    marks.forEach(function (m) { m.classList.add("focus"); });
    setTimeout(function () { marks.forEach(function (m) { m.classList.remove("focus"); }); }, 2500);
  }

  function updateRow(ev) {
    var i = indexOf(ev.event_id);
    if (i < 0) return;
    state.events[i] = ev;
    var tr = document.querySelectorAll("#events tbody tr")[i];
    if (tr) {
      var cells = tr.querySelectorAll("td");
      COLS.forEach(function (c, j) {
        var v = cellValue(ev, c);
        cells[j + 1].textContent = v === null || v === undefined ? "" : String(v);
        if (c === "review_status") cells[j + 1].className = "st-" + v;
      });
      var why = needsReview(ev);  // approving or rejecting takes the amber mark off
      tr.classList.toggle("flag", why.length > 0);
      tr.title = why.length ? "needs review: " + why.join("; ") : "";
    }
    showCount(state.total, $("f-needs").checked);
    drawMap();
  }

  function setStatus(action, thenNext) {  // thenNext: open the next row once saved (A / R)
    if (!state.detail) return;
    var id = state.detail.event.event_id;
    api("POST", "/api/events/" + encodeURIComponent(id) + "/" + action).then(function (ev) {
      updateRow(ev);
      say({ approve: "approved ", reject: "rejected ", reopen: "reopened " }[action] + id);
      var i = indexOf(id);
      if (thenNext && i >= 0 && i + 1 < state.events.length) return select(i + 1, true);
      return openEvent(id);
    }).catch(function (e) { say(e.message, "error"); });
  }

  // correct the place: the gazetteer's places named as typed (GET /api/places), in the event's country first;
  // choosing one sets location, country, iso, admin1, admin2, coordinates, geo_precision and gazetteer_id in
  // one PATCH (one audit entry) instead of six hand-typed fields
  function findPlace() {
    if (!state.detail) return;
    var ev = state.detail.event, name = $("place-q").value.trim(), list = $("place-results");
    clear(list);
    if (!name) { $("place-note").textContent = "type a place name"; return; }
    var ask = function (iso) {
      var q = new URLSearchParams({ name: name, limit: "8" });
      if (iso) q.set("iso", iso);
      return api("GET", "/api/places?" + q.toString());
    };
    // the event's country first, then every country: the place being corrected may be the country itself
    // ('Bari' geocoded to Italy for a Somali report); asking the event's country alone hid the others
    var iso = ev.iso;
    (iso ? Promise.all([ask(iso), ask(null)]).then(function (r) {
      var seen = {};
      return r[0].concat(r[1]).filter(function (p) {
        if (seen[p.gazetteer_id]) return false;
        seen[p.gazetteer_id] = true;
        return true;
      }).slice(0, 8);
    }) : ask(null)).then(function (places) {
      $("place-note").textContent = places.length ? "choose one:" :
        "\u201c" + name + "\u201d is not in the gazetteer (add it with `eventcoder gazetteer import`), or type the fields below";
      // a place the gazetteer lacks (or places wrongly): the analyst puts it on the map (session 11)
      var pickBtn = el("button", (places.length ? "or pick \u201c" : "pick \u201c") + name + "\u201d on the map", "link");
      pickBtn.type = "button";
      pickBtn.id = "place-pick";
      pickBtn.title = "then click the map where it is: sets location, coordinates and precision 1 (the country and " +
        "province stay: correct them below if the place is in another)";
      pickBtn.addEventListener("click", function () { startPick(ev.event_id, name); });
      $("place-note").appendChild(document.createTextNode(" "));
      $("place-note").appendChild(pickBtn);
      places.forEach(function (p) {
        var b = el("button", [p.location + " (" + (p.feature || "place") + ")",
          [p.admin2, p.admin1, p.country].filter(Boolean).join(", "),
          p.latitude + ", " + p.longitude, "precision " + p.geo_precision].join(" \u00b7 "), "secondary");
        b.type = "button";
        b.addEventListener("click", function () { setPlace(ev.event_id, p); });
        var li = el("li");
        li.appendChild(b);
        list.appendChild(li);
      });
    }).catch(function (e) { say(e.message, "error"); });
  }

  // pick on the map: the next click on the map places the open event there under the name typed
  var picking = null;  // {id, name} while the map waits for the click
  function startPick(id, name) {
    picking = { id: id, name: name };
    $("map").classList.add("picking");
    say("click the map where \u201c" + name + "\u201d is (Esc cancels)");
    if (NARROW.matches) $("map").scrollIntoView({ block: "center" });
    var ev = state.detail && state.detail.event;  // start near where the event is placed now (its province, ...)
    if (map && ev && typeof ev.latitude === "number" && typeof ev.longitude === "number")
      map.setView([ev.latitude, ev.longitude], Math.max(map.getZoom(), 8));
  }
  function stopPick() { picking = null; $("map").classList.remove("picking"); }
  function pickAt(latlng) {
    var p = picking;
    stopPick();
    if (!p || !state.detail || state.detail.event.event_id !== p.id) { say("pick cancelled: another event is open", "error"); return; }
    var round = function (x) { return Math.round(x * 1e5) / 1e5; };
    var lon = ((latlng.lng + 180) % 360 + 360) % 360 - 180;  // (worldCopyJump: a click on a copy of the world)
    setPlace(p.id, { location: p.name, latitude: round(latlng.lat), longitude: round(lon), geo_precision: 1,
                     gazetteer_id: null }, true, pickWarning(state.detail.event, latlng.lat, lon));
  }

  // the picked point against the event's country (session 12): a warning, never a refusal (the place may be
  // right and the country wrong; the base map's borders are coarse near a frontier and disputed ones vary)
  function pickWarning(ev, lat, lon) {
    if (!countryShapes.length) return "";
    var at = countryAt(lat, lon);
    if (!at) return ev.iso ? "the point is in no country on the map (at sea?), not in " + (ev.country || ev.iso) : "";
    if (!ev.iso) return "the point is in " + at[1] + " (" + at[0] + "); the event has no country: set it";
    if (at[0] === ev.iso) return "";
    return "the point is in " + at[1] + " (" + at[0] + "), not " + (ev.country || ev.iso) + ": correct country, " +
      "iso and admin1 if the place is there";
  }
  function countryAt(lat, lon) {  // [iso2, name] of the base map's country holding the point, or null
    for (var i = 0; i < countryShapes.length; i++) {
      var f = countryShapes[i], g = f.geometry;
      if (!g) continue;
      var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      for (var j = 0; j < polys.length; j++) {
        var inside = false;  // even-odd over the rings: inside the outline and in no hole
        polys[j].forEach(function (ring) { if (inRing(lon, lat, ring)) inside = !inside; });
        if (inside) {
          return countryCodes.by_number[f.id] || countryCodes.by_name[(f.properties || {}).name] ||
            [null, (f.properties || {}).name];
        }
      }
    }
    return null;
  }
  function inRing(x, y, ring) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  function setPlace(id, p, partial, warning) {
    var body = {};
    ["location", "country", "iso", "admin1", "admin2", "latitude", "longitude", "geo_precision", "gazetteer_id"]
      .forEach(function (k) { if (!partial || k in p) body[k] = p[k]; });
    api("PATCH", "/api/events/" + encodeURIComponent(id), body).then(function (ev) {
      updateRow(ev);
      clear($("place-results"));
      $("place-note").textContent = "";
      $("place-q").value = "";
      say("place set to " + [p.location, ev.country].filter(Boolean).join(", ") +
          (partial ? " at " + p.latitude + ", " + p.longitude : "") + (warning ? " \u2014 " + warning : ""),
          warning ? "warn" : "ok");
      return openEvent(id);
    }).catch(function (e) { say(e.message, "error"); });
  }

  function mergeTicked() {
    if (!state.detail) return;
    var into = state.detail.event.event_id;
    var ids = Object.keys(state.ticked).filter(function (k) { return state.ticked[k] && k !== into; });
    if (!ids.length) { say("tick the events to merge into this one first", "error"); return; }
    api("POST", "/api/merge", { into: into, event_ids: ids }).then(function () {
      state.ticked = {};
      var done = "merged " + ids.length + " event" + (ids.length > 1 ? "s" : "") + " into " + into;
      return load(into).then(function () { say(done); return openEvent(into); });  // (load clears the bar)
    }).catch(function (e) { say(e.message, "error"); });
  }

  function splitEvent(body) {
    var id = state.detail.event.event_id;
    api("POST", "/api/events/" + encodeURIComponent(id) + "/split", body).then(function (r) {
      // splitting a merge the dedupe stage made removes the merged event: open the first event it gave back
      var next = r.event && r.event.event_id ? r.event.event_id : id;
      var done = "split off " + r.split_off.join(", ") + (next !== id ? " (the merged event " + id + " is gone)" : "");
      return load(next).then(function () { say(done); return openEvent(next); });  // (load clears the bar)
    }).catch(function (e) { say(e.message, "error"); });
  }

  function exportAs(fmt) {
    var q = apiQuery();  // what the table shows, the whole store's
    var wrong = badDate();
    if (wrong) { say(wrong, "error"); return; }
    q.set("format", fmt);
    fetch("/api/export?" + q.toString(), { headers: headers() }).then(function (r) {
      if (!r.ok) return r.json().then(function (d) { throw new Error(d.error ? d.error.message : "HTTP " + r.status); });
      var name = fmt === "acled" ? "events_acled.csv" : "events." + fmt;
      return r.blob().then(function (b) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(b);  // our own blob, never a URL from the data
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        say("exported " + name);
      });
    }).catch(function (e) { say(e.message, "error"); });
  }

  function whoAmI() {
    return api("GET", "/api/me").then(function (me) {
      $("role").textContent = me.role ? "role: " + me.role : "no key";
      if (typeof me.review_confidence === "number") {
        LOW_CONFIDENCE = me.review_confidence;
        $("f-needs-label").title = "Events with no coordinates, a location only to province or larger (geo_precision 3), " +
          "or a confidence below " + LOW_CONFIDENCE + " (the server's --review-confidence); the whole store is searched";
      }
      $("keyform").classList.toggle("known", !!(me.role && state.key));  // the box folds away once a key works
      if (!me.role) say("Enter an API key to see events (an admin creates one with `eventcoder keys create --role analyst --db STORE`).", "error");
      return me;
    }).catch(function (e) {
      $("role").textContent = "";
      $("keyform").classList.remove("known");
      state.events = []; state.sel = -1;
      $("count").textContent = "no events";
      clear(document.querySelector("#events tbody"));
      $("detail").hidden = true; $("empty").hidden = false;
      say(e.message, "error");
      return {};
    });
  }

  // ---- wiring ----------------------------------------------------------------------------------
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("apikey").value = state.key;
    $("keyform").addEventListener("submit", function (e) {
      e.preventDefault();
      state.key = $("apikey").value.trim();
      sessionStorage.setItem("eventcoder-key", state.key);
      whoAmI().then(function (me) { if (me.role) load(); });
    });
    $("change-key").addEventListener("click", function () {
      $("keyform").classList.remove("known");
      $("apikey").select();
      $("apikey").focus();
    });
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); load(); });
    $("clear").addEventListener("click", function () { $("filters").reset(); load(); });
    $("f-needs").addEventListener("change", function () { load(); });
    document.querySelectorAll("#events th[data-key]").forEach(function (th) {
      th.addEventListener("click", function () {
        var k = th.dataset.key;
        if (state.sortKey === k) state.sortDir = -state.sortDir; else { state.sortKey = k; state.sortDir = 1; }
        sortEvents();
        redraw(false);
        saveHash();
      });
    });
    document.querySelectorAll(".exports button").forEach(function (b) {
      b.addEventListener("click", function () { exportAs(b.dataset.format); });
    });
    $("approve").addEventListener("click", function () { setStatus("approve"); });
    $("place-form").addEventListener("submit", function (e) { e.preventDefault(); findPlace(); });
    $("reject").addEventListener("click", function () { setStatus("reject"); });
    $("merge").addEventListener("click", mergeTicked);
    $("to-list").addEventListener("click", function () { $("table-wrap").scrollIntoView({ block: "center" }); });
    $("unmerge").addEventListener("click", function () { splitEvent({}); });
    $("source-prev").addEventListener("click", function () { renderSource(source.text, source.spans, source.lo - WINDOW); });
    $("source-next").addEventListener("click", function () { renderSource(source.text, source.spans, source.lo + WINDOW); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && picking) { stopPick(); say("pick cancelled"); return; }
      if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === "j" || e.key === "ArrowDown") { select(Math.min(state.events.length - 1, state.sel + 1), true); e.preventDefault(); }
      else if (e.key === "k" || e.key === "ArrowUp") { select(Math.max(0, state.sel - 1), true); e.preventDefault(); }
      else if (e.key === "a") { setStatus("approve"); e.preventDefault(); }
      else if (e.key === "r") { setStatus("reject"); e.preventDefault(); }
      else if (e.key === "A") { setStatus("approve", true); e.preventDefault(); }
      else if (e.key === "R") { setStatus("reject", true); e.preventDefault(); }
      else if (e.key === "u") { setStatus("reopen"); e.preventDefault(); }
    });
    // redraw when the timeline's own width changes, not only the window's: the page's scroll bar appearing once
    // the table fills (below 1,000 px) narrowed it and cut its last date label ("2019-" for "2019-08")
    var drawnWidth = 0;
    var redraw = function () { var w = $("timeline").clientWidth; if (w !== drawnWidth) { drawnWidth = w; drawTimeline(); } };
    if (window.ResizeObserver) new ResizeObserver(redraw).observe($("timeline"));
    window.addEventListener("resize", redraw);
    initMap();
    var openId = readHash();
    whoAmI().then(function (me) { if (me.role) load(openId || undefined); });
  });
})();
