// people_flow.mjs -- 账号与单位 and 修改密码 in a real browser (Debian's
// chromium, headless, driven by playwright-core):
//   1. the admin opens 账号与单位 from the dashboard's navigation, adds a
//      unit clerk with the form (a wrong second password first: the page
//      says so and keeps what was typed), changes a unit's keywords in its
//      row (inputs tied to the row's form) and resets the clerk's password;
//   2. the clerk logs in with it, follows 修改密码 from 我的任务, changes
//      it, and logs in again with the new one.
// Screenshots go to build/test-results/browser/people-*.png.  Prints TAP.
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
const db = path.join(tmp, 'people.db');
const day = '2026-03-12';
const env = { ...process.env, LUOSHI_DB: db, LUOSHI_TODAY: day, LUOSHI_USER: '' };
const cli = (args, input) => execFileSync(luoshi, args, { env, input: input ?? '', encoding: 'utf8' });
cli(['init', '--admin', 'admin'], 'browser-admin-pw\n');
cli(['import', path.join(top, 'examples/sample.txt'), '--region', '临江区', '--year', '2026', '--as', 'admin']);
cli(['plan', 'publish', '--as', 'admin']);

const port = await new Promise((res) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
});
const base = `http://127.0.0.1:${port}`;
const server = spawn(luoshi, ['serve', '--listen', `127.0.0.1:${port}`, '--threads', '2'],
                     { env, stdio: ['ignore', 'ignore', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
for (let i = 0; i < 100; i++) {
  try { await fetch(base + '/robots.txt'); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
}

// log in as LOGIN with PASSWORD and wait for the page WHERE
async function login(page, login, password, where) {
  await page.goto(base + '/login');
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(base + where), page.click('form.form button')]);
}

let ctx;
try {
  ctx = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1200, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run'],
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(m.text()); });

  // 1. the admin
  await login(page, 'admin', 'browser-admin-pw', '/admin');
  await Promise.all([page.waitForURL(base + '/admin/people'), page.click('nav.card a[href="/admin/people"]')]);
  ok(await page.textContent('h1') === '账号与单位', 'the dashboard\'s navigation leads to 账号与单位');
  const add = page.locator('form[action="/admin/people/user"]');
  await add.locator('#login').fill('clerk');
  await add.locator('#role').selectOption('unit');
  await add.locator('#unit').selectOption({ label: '教育局' });
  await add.locator('#password').fill('clerk-first-pw');
  await add.locator('#password2').fill('clerk-frist-pw');
  await Promise.all([page.waitForLoadState('load'), add.locator('button').click()]);
  ok(/两次输入的新密码不一致/.test(await page.textContent('p.err')), 'a mistyped second password is said in Chinese');
  ok(await page.inputValue('#login') === 'clerk' && await page.inputValue('#password') === '',
     'the form keeps the login typed, not the password');
  ok(await page.locator('#unit option:checked').textContent() === '教育局', 'and the unit chosen');
  await page.screenshot({ path: path.join(shots, 'people-1-error.png'), fullPage: false });
  errors.length = 0;      /* the refused form is answered with status 400, which the console reports */
  await page.fill('#password', 'clerk-first-pw');
  await page.fill('#password2', 'clerk-first-pw');
  await Promise.all([page.waitForURL(/\/admin\/people\?msg=/), page.click('form[action="/admin/people/user"] button')]);
  ok(/已新增账号 clerk（责任单位·教育局）/.test(await page.textContent('.flash')), 'the admin adds the clerk');
  const clerkRow = page.locator('tr', { has: page.locator('td', { hasText: /^clerk$/ }) });
  ok(/责任单位/.test(await clerkRow.textContent()) && /教育局/.test(await clerkRow.textContent()),
     'the clerk is listed with its role and unit in Chinese');

  // a unit's keywords, in its row
  const unitRow = () => page.locator('tr[id^="u"]', { has: page.locator('td', { hasText: /^教育局$/ }) });
  const row = unitRow();
  await row.locator('input[name=keywords]').fill('学校,托育,研学');
  await Promise.all([page.waitForURL(/\/admin\/people\?msg=/), row.locator('button').click()]);
  ok(/已保存单位“教育局”/.test(await page.textContent('.flash')), 'a unit\'s keywords are saved from its row');
  ok(await unitRow().locator('input[name=keywords]').inputValue()
     === '学校,托育,研学', 'and shown');
  ok(/keywords: 学校,托育,研学/.test(cli(['unit', 'list', '--as', 'admin'])), 'the ledger has them');

  // reset the clerk's password
  const reset = page.locator('form[action="/admin/people/password"]', { has: page.locator('input[name=login][value=clerk]') });
  await reset.locator('input[name=password]').fill('clerk-reset-pw');
  await reset.locator('input[name=password2]').fill('clerk-reset-pw');
  await Promise.all([page.waitForURL(/\/admin\/people\?msg=/), reset.locator('button').click()]);
  ok(/已重置 clerk 的密码/.test(await page.textContent('.flash')), 'the admin resets the clerk\'s password');
  await page.screenshot({ path: path.join(shots, 'people-2-page.png'), fullPage: true });
  await page.click('form.logout button');

  // 2. the clerk
  await login(page, 'clerk', 'clerk-reset-pw', '/my');
  ok(page.url() === base + '/my', 'the clerk logs in with the reset password');
  await Promise.all([page.waitForURL(base + '/my/password'), page.click('a[href="/my/password"]')]);
  await page.fill('#old', 'clerk-reset-pw');
  await page.fill('#password', 'clerk-own-pw');
  await page.fill('#password2', 'clerk-own-pw');
  await page.screenshot({ path: path.join(shots, 'people-3-password.png'), fullPage: false });
  await Promise.all([page.waitForURL(/\/my\?msg=/), page.click('form.form button')]);
  ok(/密码已修改/.test(await page.textContent('.flash')), 'the clerk changes its own password and stays logged in');
  await page.click('form.logout button');
  await login(page, 'clerk', 'clerk-own-pw', '/my');
  ok(page.url() === base + '/my', 'and logs in with the new one');
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
