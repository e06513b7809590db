/* charter — site search.
   The search box in the header is hidden until this script shows it, so
   that a page without JavaScript has no control that does nothing. The
   index (search-index.js, written by `charter build`) loads the first time
   the box is used, as a script rather than with fetch, which browsers
   refuse on a site opened from disk. The box is an ARIA combobox: focus
   stays in it, and the arrow keys move aria-activedescendant through the
   options of the listbox. */
(function () {
  'use strict';

  var box = document.querySelector('.site-search');
  if (!box || !('normalize' in String.prototype)) return;
  var root = box.getAttribute('data-root') || '';
  var input = box.querySelector('.site-search-input');
  var panel = box.querySelector('.site-search-panel');
  var list = box.querySelector('[role="listbox"]');
  var note = box.querySelector('.site-search-note');
  var status = box.querySelector('[role="status"]');
  if (!input || !panel || !list || !note || !status) return;

  /* Results shown per kind, and at most in all. */
  var PER_KIND = 6;
  var MOST = 30;
  /* Points for a term found at the start of the title, in the title, in
     the id or key fields, in the body. */
  var FIRST = 12, TITLE = 10, FIELD = 4, BODY = 1;

  var entries = null;   // prepared entries, once the index is loaded
  var kinds = [];
  var state = 'idle';   // idle, loading, ready, failed
  var last = { folded: null, hits: null };
  var options = [];
  var active = -1;

  /* Must fold as words.rs does: decompose, drop marks, lower case, then
     the letters that have no mark to drop. */
  var PLAIN = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i' };
  var MARKS = /\p{M}/gu;
  var SEPARATORS = /[^\p{Alphabetic}\p{N}]+/u;
  function fold(text) {
    return text.normalize('NFD').replace(MARKS, '').toLowerCase()
      .replace(/[ßæœøłđðþı]/g, function (c) { return PLAIN[c]; });
  }
  function words(text) {
    return fold(text).split(SEPARATORS).filter(Boolean);
  }
  function spaced(text) {
    return ' ' + words(text).join(' ') + ' ';
  }

  function load() {
    if (state !== 'idle') return;
    state = 'loading';
    var script = document.createElement('script');
    script.src = root + 'search-index.js';
    script.onload = function () {
      state = prepare(window.charterSearch) ? 'ready' : 'failed';
      update();
    };
    script.onerror = function () {
      state = 'failed';
      update();
    };
    document.head.appendChild(script);
  }

  function prepare(data) {
    if (!data || !Array.isArray(data.entries) || !Array.isArray(data.kinds)) return false;
    kinds = data.kinds;
    var all = data.entries;
    entries = all.map(function (e) {
      var meta = e[4].map(function (v) {
        return typeof v === 'number' ? (all[v] ? all[v][2] : '') : v;
      });
      var kind = kinds[e[0]] || kinds[0];
      return {
        kind: e[0], title: e[2], status: e[3], meta: meta.join(' · '),
        url: root + kind.url.split('{}').join(e[1]),
        t: spaced(e[2]), f: spaced(e[1] + ' ' + meta.join(' ')), b: ' ' + e[5] + ' '
      };
    });
    return true;
  }

  /* The entries matching every term, best first. A query that extends
     the previous one searches only the previous hits. */
  function search(query) {
    var folded = fold(query);
    var terms = words(query);
    if (!terms.length) return [];
    var pool = last.folded && folded.indexOf(last.folded) === 0 ? last.hits : entries;
    var hits = [];
    for (var i = 0; i < pool.length; i++) {
      var e = pool[i].e || pool[i];
      var score = 0;
      for (var j = 0; j < terms.length; j++) {
        var t = ' ' + terms[j];
        var points = e.t.indexOf(t) === 0 ? FIRST
          : e.t.indexOf(t) > 0 ? TITLE
          : e.f.indexOf(t) >= 0 ? FIELD
          : e.b.indexOf(t) >= 0 ? BODY : 0;
        if (!points) { score = 0; break; }
        if (points >= TITLE && e.t.indexOf(t + ' ') >= 0) points += 1;
        score += points;
      }
      if (score) hits.push({ e: e, score: score });
    }
    hits.sort(function (a, b) {
      return b.score - a.score || a.e.title.length - b.e.title.length
        || (a.e.title < b.e.title ? -1 : a.e.title > b.e.title ? 1 : 0);
    });
    last = { folded: folded, hits: hits };
    return hits;
  }

  /* The hits by kind, kinds in the order of their best hit. */
  function groups(hits) {
    var byKind = {};
    var order = [];
    hits.forEach(function (h) {
      if (!byKind[h.e.kind]) {
        byKind[h.e.kind] = [];
        order.push(h.e.kind);
      }
      byKind[h.e.kind].push(h.e);
    });
    return order.map(function (k) { return { kind: kinds[k], entries: byKind[k] }; });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  /* The title with the start of each matching word marked. */
  function marked(title, terms) {
    var out = element('span', 'site-search-title');
    title.split(/([^\p{Alphabetic}\p{N}]+)/u).forEach(function (part) {
      var f = fold(part);
      var term = terms.filter(function (t) { return t && f.indexOf(t) === 0; })[0];
      if (!term) {
        out.appendChild(document.createTextNode(part));
        return;
      }
      var cut = f.length === part.length ? term.length : part.length;
      out.appendChild(element('mark', '', part.slice(0, cut)));
      out.appendChild(document.createTextNode(part.slice(cut)));
    });
    return out;
  }

  function option(e, n, terms) {
    var a = element('a', 'site-search-option');
    a.id = 'site-search-option-' + n;
    a.href = e.url;
    a.setAttribute('role', 'option');
    a.setAttribute('aria-selected', 'false');
    a.tabIndex = -1;
    var line = element('span', 'site-search-line');
    line.appendChild(marked(e.title, terms));
    if (e.status) line.appendChild(element('span', 'badge status-' + e.status, e.status.replace(/-/g, ' ')));
    a.appendChild(line);
    if (e.meta) a.appendChild(element('span', 'site-search-meta', e.meta));
    return a;
  }

  function show(query) {
    list.textContent = '';
    options = [];
    var hits = search(query);
    var terms = words(query);
    var shown = 0;
    groups(hits).forEach(function (g, n) {
      if (shown >= MOST) return;
      var group = element('div', 'site-search-group');
      group.setAttribute('role', 'group');
      var label = element('div', 'site-search-label');
      label.id = 'site-search-group-' + n;
      label.setAttribute('role', 'presentation');
      label.appendChild(element('span', '', g.kind.label));
      var count = Math.min(g.entries.length, PER_KIND, MOST - shown);
      if (count < g.entries.length) {
        label.appendChild(element('span', 'site-search-count', count + ' of ' + g.entries.length));
      }
      group.setAttribute('aria-labelledby', label.id);
      group.appendChild(label);
      g.entries.slice(0, count).forEach(function (e) {
        var o = option(e, options.length, terms);
        options.push(o);
        group.appendChild(o);
      });
      shown += count;
      list.appendChild(group);
    });
    list.hidden = !options.length;
    note.textContent = options.length ? '' : 'No results for “' + query.trim() + '”';
    note.hidden = !!options.length;
    status.textContent = hits.length === 1 ? '1 result' : hits.length ? hits.length + ' results' : 'No results';
    activate(options.length ? 0 : -1);
  }

  function update() {
    var query = input.value;
    if (!query.trim()) {
      close();
      return;
    }
    if (state === 'ready') {
      show(query);
    } else {
      list.hidden = true;
      note.hidden = false;
      note.textContent = state === 'failed'
        ? 'Search is not available: its index, search-index.js, did not load.'
        : 'Loading the search index…';
      status.textContent = note.textContent;
      activate(-1);
    }
    open();
  }

  function open() {
    panel.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    panel.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    activate(-1);
  }

  function activate(n) {
    if (options[active]) options[active].setAttribute('aria-selected', 'false');
    active = n;
    var o = options[n];
    if (o) {
      o.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', o.id);
      o.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function editable(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  input.addEventListener('focus', function () {
    load();
    if (input.value.trim()) update();
  });
  input.addEventListener('input', update);
  input.addEventListener('keydown', function (event) {
    var open = !panel.hidden;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!open) {
          update();
        } else if (options.length) {
          var step = event.key === 'ArrowDown' ? 1 : -1;
          activate((active + step + options.length) % options.length);
        }
        break;
      case 'Enter':
        if (!open || !options[active]) return;
        window.location.href = options[active].href;
        break;
      case 'Escape':
        if (open) close();
        else if (input.value) input.value = '';
        else input.blur();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
  box.addEventListener('focusout', function (event) {
    if (!box.contains(event.relatedTarget)) close();
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (editable(event.target)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
  document.addEventListener('pointerdown', function (event) {
    if (!box.contains(event.target)) close();
  });

  box.hidden = false;
})();
