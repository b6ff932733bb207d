// report_flow.mjs -- the whole way of one progress report, in a real
// browser (Debian's chromium, headless, driven by playwright-core):
//   1. the public home page shows the sample plan (临江区 2026);
//   2. a unit clerk logs in, finds the task under 本期待报送 and files a
//      report with an evidence file;
//   3. the supervisor logs in and accepts it in the review queue;
//   4. the public task page then shows the new value and the colour green,
//      and the evidence file is served;
//   5. the supervisor reads the briefing (督查通报) and downloads it as Word;
//   6. the clerk downloads the month's progress sheet, fills it, uploads it
//      (one report filed) and uploads it again (nothing filed).
// Screenshots go to build/test-results/browser/.  Prints TAP lines.
// $LUOSHI is the binary under test (build/luoshi when unset).
import { execFileSync, spawn, execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const luoshi = process.env.LUOSHI || path.join(top, 'build/luoshi');
const shots = path.join(top, 'build/test-results/browser');
fs.mkdirSync(shots, { recursive: true });
if (!fs.existsSync(path.join(top, 'node_modules/playwright-core'))) {
  execSync('npm ci --no-audit --no-fund', { cwd: top, stdio: 'ignore' });
}
const { chromium } = await import(path.join(top, 'node_modules/playwright-core/index.mjs'));

let nFail = 0, nTest = 0;
function ok(cond, desc, detail) {
  nTest++;
  if (cond) console.log(`ok - ${desc}`);
  else { nFail++; console.log(`not ok - ${desc}`); if (detail) console.log(`#  ${String(detail).split('\n').join('\n#  ')}`); }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-browser-'));
const db = path.join(tmp, 'flow.db');
const env = (day) => ({ ...process.env, LUOSHI_DB: db, LUOSHI_TODAY: day, LUOSHI_USER: '' });
const cli = (day, args, input) => execFileSync(luoshi, args, { env: env(day), input: input ?? '', encoding: 'utf8' });

// a free port on loopback
const port = await new Promise((res) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
});
const base = `http://127.0.0.1:${port}`;

// the ledger: the sample report, published on 1 February
cli('2026-02-01', ['init', '--admin', 'admin'], 'browser-admin-pw\n');
cli('2026-02-01', ['import', path.join(top, 'examples/sample.txt'), '--region', '临江区', '--year', '2026', '--as', 'admin']);
cli('2026-02-01', ['plan', 'publish', '--as', 'admin']);
cli('2026-02-01', ['user', 'add', 'dc', '--role', 'supervisor', '--as', 'admin'], 'browser-dc-pw\n');

// the server, on 12 March: the February reports were due on 10 March
const day = '2026-03-12';
const server = spawn(luoshi, ['serve', '--listen', `127.0.0.1:${port}`, '--threads', '2'],
                     { env: env(day), stdio: ['ignore', 'ignore', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
for (let i = 0; i < 100; i++) {
  try { await fetch(base + '/robots.txt'); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
}

let ctx;
try {
  // a task with one quantitative target and a lead unit
  const list = await (await fetch(`${base}/api/v1/tasks?target=1&per_page=500`)).json();
  const task = list.tasks.find((t) => t.targets.length === 1 && t.lead && t.targets[0].value > 0
                                      && ['>=', '='].includes(t.targets[0].cmp) && t.status.colour === 'yellow');
  ok(task, 'the API lists a yellow task with one target and a lead unit', JSON.stringify(list).slice(0, 300));
  const target = task.targets[0];
  cli(day, ['user', 'add', 'clerk', '--role', 'unit', '--unit', task.lead.name, '--as', 'admin'], 'browser-clerk-pw\n');

  ctx = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1200, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run'],
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(m.text()); });

  // 1. the public home page
  await page.goto(base + '/');
  ok(/临江区2026年政府工作报告/.test(await page.textContent('h1')), 'the home page shows the sample plan');
  const totalText = await page.textContent('.kpis .kpi b');
  ok(Number(totalText) > 300, 'the home page counts the plan\'s tasks', totalText);
  const yellowBefore = Number(await page.textContent('.kpi.y b'));
  ok(await page.locator('svg.bar').count() > 3, 'progress by part and section is drawn as SVG bars');
  await page.screenshot({ path: path.join(shots, '1-home.png'), fullPage: true });

  // 2. the unit clerk files a report with an evidence file
  await page.goto(base + '/login');
  await page.fill('#login', 'clerk');
  await page.fill('#password', 'browser-clerk-pw');
  await Promise.all([page.waitForURL(base + '/my'), page.click('form.form button')]);
  ok(page.url() === base + '/my', 'the clerk lands on 我的任务 after logging in');
  const dueLink = page.locator(`a[href="/report/${task.id}?period=2026-02"]`);
  ok(await dueLink.count() === 1, 'the task is listed as due for 2026-02');
  await page.screenshot({ path: path.join(shots, '2-my-tasks.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/report\//), dueLink.click()]);
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const evidence = path.join(tmp, '现场照片.png');
  fs.writeFileSync(evidence, png);
  await page.check('input[name=kind][value=value]');
  await page.fill('input[name=value]', String(target.value));
  await page.fill('#note', '已全部完成，见现场照片。');
  await page.setInputFiles('#evidence', evidence);
  await page.screenshot({ path: path.join(shots, '3-report-form.png'), fullPage: true });
  await Promise.all([page.waitForURL(new RegExp(`/task/${task.id}`)), page.click('form.form button')]);
  ok(/进展已提交/.test(await page.textContent('.flash')), 'the report is filed and the task page says so');
  ok(/待审核/.test(await page.textContent('.timeline')), 'the clerk sees the report waiting for review');
  await page.screenshot({ path: path.join(shots, '4-filed.png'), fullPage: true });
  await page.click('form.logout button');

  // the public does not see the report before it is accepted
  let pub = await (await fetch(`${base}/task/${task.id}`)).text();
  ok(!/已全部完成/.test(pub), 'the public does not see a report waiting for review');

  // 3. the supervisor accepts it
  await page.goto(base + '/login');
  await page.fill('#login', 'dc');
  await page.fill('#password', 'browser-dc-pw');
  await Promise.all([page.waitForURL(base + '/admin'), page.click('form.form button')]);
  ok(page.url() === base + '/admin', 'the supervisor lands on 督查工作台');
  await page.goto(base + '/admin/queue');
  const card = page.locator('.card', { hasText: '已全部完成' });
  ok(await card.count() === 1, 'the report is in the review queue');
  ok(await card.locator('a', { hasText: '现场照片.png' }).count() === 1, 'with its evidence file');
  await page.screenshot({ path: path.join(shots, '5-queue.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/admin\/queue\?msg=/), card.locator('button', { hasText: '采纳' }).click()]);
  ok(/已采纳/.test(await page.textContent('.flash')), 'the supervisor accepts it');
  await page.click('form.logout button');

  // 4. the public task page shows the new value and colour
  await page.goto(`${base}/task/${task.id}`);
  const badge = await page.textContent('.card .badge');
  ok(badge === '绿灯', 'the public task page shows green', badge);
  const cells = page.locator('table tr').nth(1).locator('td');
  const targetCell = (await cells.nth(1).textContent()).trim(), valueCell = (await cells.nth(2).textContent()).trim();
  ok(valueCell.length > 0 && targetCell.endsWith(valueCell) && /\d/.test(valueCell),
     'the public task page shows the accepted value against the target', `${valueCell} vs ${targetCell}`);
  ok(/已全部完成/.test(await page.textContent('.timeline')), 'the accepted report is in the public timeline');
  await page.screenshot({ path: path.join(shots, '6-public-task.png'), fullPage: true });
  const href = await page.getAttribute('.timeline a[href^="/evidence/"]', 'href');
  const ev = await fetch(base + href);
  ok(ev.status === 200 && ev.headers.get('content-type') === 'image/png'
     && Buffer.from(await ev.arrayBuffer()).equals(png), 'the evidence file is served as it was uploaded, as image/png');
  ok(/filename\*=UTF-8''/.test(ev.headers.get('content-disposition') || ''), 'with a Content-Disposition');
  await page.goto(base + '/');
  const yellowAfter = Number(await page.textContent('.kpi.y b'));
  ok(yellowAfter === yellowBefore - 1, 'the public home page counts one yellow task less', `${yellowBefore} -> ${yellowAfter}`);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${base}/task/${task.id}`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  ok(wide <= 392, 'the task page fits a phone screen (no sideways scrolling)', wide);
  await page.screenshot({ path: path.join(shots, '7-phone-task.png'), fullPage: true });
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.emulateMedia({ media: 'print' });
  ok(!(await page.isVisible('header.top')) && await page.isVisible('.src mark'),
     'printed, the task page leaves out the navigation and keeps the marked source');
  await page.pdf({ path: path.join(shots, '8-task-print.pdf'), format: 'A4', printBackground: true });
  ok(fs.statSync(path.join(shots, '8-task-print.pdf')).size > 1000, 'the task page prints to an A4 PDF');
  await page.emulateMedia({ media: 'screen' });

  // 5. the supervisor reads the briefing and downloads it as Word
  await page.goto(base + '/login');
  await page.fill('#login', 'dc');
  await page.fill('#password', 'browser-dc-pw');
  await Promise.all([page.waitForURL(base + '/admin'), page.click('form.form button')]);
  await Promise.all([page.waitForURL(/\/admin\/brief/), page.click('nav.card a[href="/admin/brief"]')]);
  const briefTitle = await page.textContent('article.gongwen h1');
  ok(/关于2026年政府工作报告重点任务推进情况的通报/.test(briefTitle), 'the dashboard shows the briefing (督查通报)', briefTitle);
  const font = await page.evaluate(() => getComputedStyle(document.querySelector('article.gongwen h2')).fontFamily);
  ok(/黑体|SimHei/.test(font), 'in the 公文 style (its stylesheet applies)', font);
  ok(await page.locator('article.gongwen svg.chart rect').count() > 0, 'with its chart drawn');
  const chartFont = await page.evaluate(() => getComputedStyle(document.querySelector('article.gongwen svg.chart text')).fontSize);
  const colWidth = await page.evaluate(() => document.querySelector('article.gongwen col').style.width);
  ok(chartFont === '13px' && colWidth !== '', 'the page policy lets the chart\'s style and the column widths apply', `${chartFont} ${colWidth}`);
  await page.screenshot({ path: path.join(shots, '9-brief.png'), fullPage: false });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('a[href^="/admin/brief.docx"]')]);
  const docx = path.join(tmp, dl.suggestedFilename());
  await dl.saveAs(docx);
  ok(/^督查通报-2026年第\d+期\.docx$/.test(dl.suggestedFilename()) && fs.readFileSync(docx).subarray(0, 2).toString() === 'PK',
     'the briefing downloads as a Word file', dl.suggestedFilename());
  await page.click('form.logout button');

  // 6. the clerk fills the month's progress sheet in "Excel" and uploads it, twice
  await page.goto(base + '/login');
  await page.fill('#login', 'clerk');
  await page.fill('#password', 'browser-clerk-pw');
  await Promise.all([page.waitForURL(base + '/my'), page.click('form.form button')]);
  await page.selectOption('#sheet select[name=period]', '2026-03');
  const [sdl] = await Promise.all([page.waitForEvent('download'), page.click('#sheet form[action="/my/sheet.xlsx"] button')]);
  const xlsx = path.join(tmp, 'sheet.xlsx');
  await sdl.saveAs(xlsx);
  ok(/^进展填报表-.*-2026-03\.xlsx$/.test(sdl.suggestedFilename()), 'the clerk downloads the March sheet', sdl.suggestedFilename());
  // the row of the task reported above: its narrative written, its value kept
  const row = execFileSync('python3', ['-c', `
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()
m = re.search(r'<c r="I(\\d+)"[^>]*><v>%s</v>' % sys.argv[2], x)
print(m.group(1) if m else '')`, xlsx, String(task.id)], { encoding: 'utf8' }).trim();
  ok(row !== '', 'the sheet has a row for the task', row);
  const filled = path.join(tmp, 'filled.xlsx');
  execFileSync('python3', [path.join(top, 'tests/e2e/sheet/fill.py'), xlsx, filled, `H${row}=s:三月已全部完工，进入验收。`]);
  for (const [n, want] of [[1, /新报送1条；已填报过，未重复导入0条/], [2, /新报送0条；已填报过，未重复导入1条/]]) {
    await page.setInputFiles('#sheet input[name=file]', filled);
    await Promise.all([page.waitForURL(/\/my\?msg=/), page.click('#sheet form[action="/my/sheet"] button')]);
    const flash = await page.textContent('.flash');
    ok(want.test(flash), n === 1 ? 'the uploaded sheet files the report' : 'the same sheet again files nothing', flash);
  }
  await page.screenshot({ path: path.join(shots, '10-sheet-filed.png'), fullPage: true });
  ok(errors.length === 0, 'no script errors or failed loads in the browser', errors.join('\n'));
} catch (e) {
  ok(false, 'the browser flow ran to the end', e.stack);
} finally {
  if (ctx) await ctx.close();
  server.kill('SIGTERM');
  const code = await new Promise((res) => server.on('exit', (c) => res(c)));
  ok(code === 0, 'the server stops cleanly on SIGTERM', serverErr.slice(-2000));
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`1..${nTest}`);
process.exit(nFail ? 1 : 0);
