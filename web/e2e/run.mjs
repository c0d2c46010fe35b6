// End-to-end test of the web app: Debian's Chromium, driven by playwright-core, through real nginx
// (rendered from web/nginx.conf.template) in front of the whole backend (the devstack, started by
// scripts/test-web.sh). Usage:
//   node e2e/run.mjs --state <devstack state dir> [--backend-port-offset 10000] [--app-url http://127.0.0.1:5173]
// With --app-url the steps that need the gateway itself (its headers, cutting it) are left out.
// Screenshots of every page land in web/test-results/screenshots/.
import { chromium } from 'playwright-core';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startNginx } from './lib/nginx.mjs';
import { runSteps } from './lib/runner.mjs';
import { scenario } from './scenario.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const web = dirname(here);
const { values: args } = parseArgs({
  options: {
    state: { type: 'string' },
    'backend-port-offset': { type: 'string', default: '10000' },
    headed: { type: 'boolean', default: false },
    // drive an app already served elsewhere (e.g. Vite's dev server) instead of starting nginx
    'app-url': { type: 'string' },
  },
});

if (!args.state) {
  console.error('usage: node e2e/run.mjs --state <devstack state dir> [--backend-port-offset 10000]');
  process.exit(2);
}
const dist = join(web, 'dist');
if (!args['app-url'] && !existsSync(join(dist, 'index.html'))) {
  console.error('web/dist is missing: build the app first (npx vite build).');
  process.exit(2);
}

const offset = Number(args['backend-port-offset']);
const ports = { USER: 8004, QUESTION: 8001, MATCHING: 8002, HISTORY: 8003, COLLABORATION: 8005, CHAT: 8006, EXECUTION: 8007 };
const upstreams = Object.fromEntries(Object.entries(ports).map(([name, port]) => [`${name}_SERVICE_UPSTREAM`, `127.0.0.1:${port + offset}`]));
const results = join(web, 'test-results');
const screenshots = join(results, 'screenshots');
await rm(screenshots, { recursive: true, force: true });
await mkdir(screenshots, { recursive: true });

const adminPassword = (await readFile(join(args.state, 'admin-password'), 'utf8')).trim();
const nginx = args['app-url']
  ? { url: args['app-url'], down: undefined, up: undefined, stop: async () => undefined }
  : await startNginx({ template: join(web, 'nginx.conf.template'), root: dist, upstreams, log: join(results, 'nginx.log') });
console.log(`${args['app-url'] ? 'app' : 'nginx'} on ${nginx.url}, services on ports ${8001 + offset}-${8006 + offset}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: !args.headed,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});

// On the production-shaped stack, PEERPREP_E2E_TASK_COOKIES (e.g. "AWSALB=t0,AWSALB=t1") gives the
// browser contexts the load balancer's stickiness cookies in turn, so the two users of a pair use different tasks.
const taskCookies = (process.env.PEERPREP_E2E_TASK_COOKIES ?? '').split(',').filter(Boolean);
if (taskCookies.length > 0) {
  const newContext = browser.newContext.bind(browser);
  let opened = 0;
  browser.newContext = async (options) => {
    const context = await newContext(options);
    const [name, value] = taskCookies[opened++ % taskCookies.length].split('=');
    await context.addCookies([{ name, value, url: nginx.url }]);
    return context;
  };
}

let ok = false;
try {
  const run = scenario({ browser, gateway: nginx, adminPassword, screenshots });
  ok = await runSteps(run.steps, { onFailure: run.onFailure });
} finally {
  await browser.close().catch(() => undefined);
  await nginx.stop();
}
process.exit(ok ? 0 : 1);
