// Drives the site search in headless Chromium: what a reader does with the
// keyboard, axe-core with results open, and the time to the first result.
//
//   NODE_PATH=DIR/node_modules node tests/browser/search.js SITE [--shots OUT] [--time QUERY]
//
// SITE is a built site (`charter build example-site -o SITE`); DIR holds
// puppeteer-core and axe-core (`npm install puppeteer-core axe-core`).
// Chromium is /usr/bin/chromium unless CHROMIUM says otherwise. With
// --time it only measures, on any site, from the first key to the first
// result shown (the index loaded on that key); otherwise it checks the
// example site and exits 1 on the first failure.
'use strict';
const puppeteer = require('puppeteer-core');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const site = path.resolve(args[0] || '');
const flag = (name) => { const i = args.indexOf(name); return i > 0 ? args[i + 1] : null; };
const shots = flag('--shots');
const timeQuery = flag('--time');
const url = (p) => 'file://' + path.join(site, p);

let failures = 0;
function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures++;
}

async function newPage(browser, width, scheme) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 800 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  return page;
}

const state = (page) => page.evaluate(() => {
  const input = document.getElementById('site-search-input');
  const active = document.getElementById(input.getAttribute('aria-activedescendant') || '');
  return {
    focused: document.activeElement === input,
    expanded: input.getAttribute('aria-expanded'),
    groups: [...document.querySelectorAll('#site-search-results [role=group]')]
      .map((g) => document.getElementById(g.getAttribute('aria-labelledby')).firstChild.textContent),
    titles: [...document.querySelectorAll('#site-search-results [role=option] .site-search-title')]
      .map((t) => t.textContent),
    active: active ? active.querySelector('.site-search-title').textContent : null,
    note: document.querySelector('.site-search-note').hidden ? '' : document.querySelector('.site-search-note').textContent,
    indexLoaded: !!window.charterSearch,
  };
});

async function typeQuery(page, query) {
  await page.keyboard.press('/');
  await page.keyboard.type(query);
  await page.waitForFunction(() => document.querySelector('#site-search-results [role=option]')
    || (!document.querySelector('.site-search-note').hidden
      && !/Loading/.test(document.querySelector('.site-search-note').textContent)));
}

async function time(browser) {
  const page = await newPage(browser, 1280, 'light');
  await page.goto(url('index.html'), { waitUntil: 'load' });
  const loaded = await page.evaluate(() => !!window.charterSearch);
  const ms = await page.evaluate((query) => new Promise((resolve) => {
    const input = document.getElementById('site-search-input');
    const list = document.getElementById('site-search-results');
    const start = performance.now();
    new MutationObserver(() => {
      if (list.querySelector('[role=option]')) resolve(performance.now() - start);
    }).observe(list, { childList: true, subtree: true });
    input.focus();
    input.value = query;
    input.dispatchEvent(new Event('input'));
  }), timeQuery);
  const n = await page.evaluate(() => document.querySelectorAll('#site-search-results [role=option]').length);
  const next = await page.evaluate((query) => {
    const input = document.getElementById('site-search-input');
    const start = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input'));
    return performance.now() - start;
  }, timeQuery + 't');
  console.log(`index loaded before the first key: ${loaded}`);
  console.log(`first key to first result ("${timeQuery}", index loading included): ${ms.toFixed(0)} ms, ${n} options shown`);
  console.log(`next key, index loaded ("${timeQuery}t"): ${next.toFixed(1)} ms`);
}

async function checks(browser) {
  const axe = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  // Without JavaScript, no search box at all.
  const bare = await browser.newPage();
  await bare.setJavaScriptEnabled(false);
  await bare.goto(url('index.html'));
  const visible = await bare.evaluate(() => {
    const box = document.querySelector('.site-search');
    return !!box && box.getBoundingClientRect().width > 0;
  });
  check(!visible, 'without JavaScript the search box is not shown');
  await bare.close();

  const page = await newPage(browser, 1280, 'light');
  await page.goto(url('roadmap/offline-mode/index.html'), { waitUntil: 'load' });
  let s = await state(page);
  check(!s.indexLoaded, 'the index is not loaded with the page');
  await typeQuery(page, 'offline');
  s = await state(page);
  check(s.focused && s.indexLoaded, '/ focuses the box and loads the index');
  check(s.expanded === 'true', 'aria-expanded is true with results open');
  check(s.titles[0] === 'Offline-first technician app', `the title match comes first: ${s.titles[0]}`);
  check(s.groups[0] === 'Roadmap items', `groups by kind, best first: ${s.groups.join(', ')}`);
  check(s.active === s.titles[0], 'the first result is active');
  await page.keyboard.press('ArrowDown');
  s = await state(page);
  check(s.active === s.titles[1], `ArrowDown moves to the second: ${s.active}`);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  s = await state(page);
  check(s.active === s.titles[s.titles.length - 1], 'ArrowUp from the first wraps to the last');
  const chips = await page.$$eval('#site-search-results .badge', (b) => b.map((x) => x.className));
  check(chips.some((c) => /status-/.test(c)), 'results carry status chips');

  for (const [w, scheme] of [[1280, 'light'], [1280, 'dark'], [375, 'light'], [375, 'dark']]) {
    const p = await newPage(browser, w, scheme);
    await p.goto(url('goals/index.html'), { waitUntil: 'load' });
    await typeQuery(p, 'dispatch');
    await p.evaluate(axe);
    // Only the search box: the rest of the page is checked elsewhere.
    const r = await p.evaluate(async () => await axe.run({ include: [['.site-search']] }, { resultTypes: ['violations'] }));
    const v = r.violations.map((x) => `${x.impact} ${x.id} (${x.nodes.length}): ${x.nodes[0].html.slice(0, 120)}`);
    check(!v.length, `axe with results open, ${w} px ${scheme}: ${v.join('; ') || 'no violations'}`);
    if (shots) {
      await p.screenshot({ path: path.join(shots, `search-${w}-${scheme}.png`) });
    }
    await p.close();
  }

  await page.keyboard.press('Escape');
  s = await state(page);
  check(s.expanded === 'false' && s.focused, 'Escape closes the results, focus stays');
  await page.keyboard.press('ArrowDown');
  s = await state(page);
  check(s.expanded === 'true', 'ArrowDown opens the results again');
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(page.url().endsWith('/roadmap/live-technician-location/index.html'), `Enter opens the active result: ${page.url()}`);

  // Accents and case, from another depth of the site.
  await page.goto(url('pages/playbooks/launch/index.html'), { waitUntil: 'load' });
  await typeQuery(page, 'ZOE MULL');
  s = await state(page);
  check(s.titles.some((t) => /Zoë Müller/.test(t)), `"ZOE MULL" finds Zoë Müller: ${s.titles[0]}`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(fs.existsSync(decodeURIComponent(new URL(page.url()).pathname)), `the link opens a page that exists: ${page.url()}`);

  await typeQuery(page, 'qqqxz');
  s = await state(page);
  check(/No results/.test(s.note), `no match says so: ${s.note}`);
  await page.close();
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    if (timeQuery) await time(browser);
    else await checks(browser);
  } finally {
    await browser.close();
  }
  if (failures) {
    console.log(`${failures} check(s) failed`);
    process.exit(1);
  }
})();
