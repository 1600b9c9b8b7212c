import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
const [file, width = '390'] = process.argv.slice(2);
const port = 18000 + Math.floor(Math.random() * 1000);
const srv = spawn(process.execPath, ['dist/cli/main.js', 'serve', file, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => srv.stdout.once('data', r));
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1400, height: 900 } });
await p.goto(`http://127.0.0.1:${port}/`);
await p.waitForSelector('body[data-ready="true"]');
await p.click('#startup');
await p.waitForSelector('body[data-data="loaded"]');
await p.click('#to-setup');
await p.waitForSelector('body[data-setup="ok"]');
await p.click('#to-k');
await p.click('#compute');
await p.waitForSelector('#k-result:not([hidden])', { timeout: 120000 });
await p.click('#show-segments');
await p.waitForSelector('body[data-members]', { timeout: 120000 });
await p.setViewportSize({ width: Number(width), height: 844 });
await p.waitForTimeout(1500);
const wide = await p.evaluate((w) => {
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    let clipped = false;
    for (let a = e.parentElement; a; a = a.parentElement) { const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'hidden' || o === 'scroll') { clipped = true; break; } }
    if (!clipped && r.right > w + 1 && e.offsetParent !== null) out.push(`${e.tagName}#${e.id}.${e.className?.baseVal ?? e.className} right=${Math.round(r.right)} w=${Math.round(r.width)}`);
  }
  return out.slice(0, 30);
}, Number(width));
console.log(wide.join('\n'));
await p.screenshot({ path: `/tmp/probe.png`, fullPage: false });
await b.close();
srv.kill();
