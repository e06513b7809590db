// Runs axe-core in headless Chromium over one page of every page type of a
// built site, light and dark, 1280 and 375 px wide, and fails on any
// violation of any impact, or on a page that scrolls sideways on a phone.
// A page's type is the template that rendered it (the `page-NAME` class the
// built-in theme puts on <body>), so a new kind of page is covered as soon
// as the site has one; of each type the largest page is taken, as the one
// with the most to check.
//
// Usage: node check.mjs SITE_DIR

import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const puppeteer = require('puppeteer-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const site = process.argv[2];
if (!site) {
  console.error('usage: node check.mjs SITE_DIR');
  process.exit(2);
}

function* htmlFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (name.endsWith('.html')) yield path;
  }
}

/** The page type: the body's `page-NAME` class, else the path's shape. */
function typeOf(path, html) {
  const body = html.match(/<body[^>]*class="([^"]*)"/);
  const named = body && body[1].split(/\s+/).find((c) => c.startsWith('page-'));
  if (named) return named.slice('page-'.length);
  return relative(site, path).split('/').map((part, i, all) => (i > 0 && i < all.length - 1 ? '*' : part)).join('/');
}

const chosen = new Map();
for (const path of htmlFiles(site)) {
  const size = statSync(path).size;
  const type = typeOf(path, readFileSync(path, 'utf8'));
  if (!chosen.has(type) || chosen.get(type).size < size) chosen.set(type, { path, size });
}

const views = [
  [1280, 'light'],
  [1280, 'dark'],
  [375, 'light'],
  [375, 'dark'],
];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
let failures = 0;
try {
  const page = await browser.newPage();
  for (const [type, { path }] of [...chosen].sort()) {
    const shown = relative(site, path);
    for (const [width, scheme] of views) {
      await page.setViewport({ width, height: 900 });
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.goto('file://' + path, { waitUntil: 'load' });
      await page.evaluate(axeSource);
      const found = await page.evaluate(async () => {
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1).join(' ').trim()}`),
        }));
      });
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (sideways > 0) {
        found.push({ id: 'page-scrolls-sideways', impact: 'serious', help: `the page is ${sideways} px wider than the screen`, nodes: [] });
      }
      const where = `${type} (${shown}) ${width}px ${scheme}`;
      if (found.length === 0) {
        console.log(`ok    ${where}`);
        continue;
      }
      failures += found.length;
      console.log(`FAIL  ${where}`);
      for (const v of found) {
        console.log(`      ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
        for (const n of v.nodes.slice(0, 5)) console.log(`        ${n}`);
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`axe: ${chosen.size} page types, ${chosen.size * views.length} views, ${failures} violation${failures === 1 ? '' : 's'}`);
process.exit(failures === 0 ? 0 : 1);
