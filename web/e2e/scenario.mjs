// The end-to-end scenario: what two users and an admin do with PeerPrep, step by step.
import { join } from 'node:path';
import { gradientPng } from './lib/png.mjs';
import { assert, assertEqual, waitUntil } from './lib/runner.mjs';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Browser} Browser */

const DESKTOP = { width: 1366, height: 860 };

/**
 * @param {{ browser: Browser, gateway: { url: string, down?: () => Promise<void>, up?: () => Promise<void> }, adminPassword: string, screenshots: string }} env
 */
export function scenario({ browser, gateway, adminPassword, screenshots }) {
  const baseUrl = gateway.url;
  const tag = Date.now().toString(36).slice(-5);
  const ada = { username: `ada_${tag}`, email: `ada_${tag}@example.com`, password: 'Practice-Pairs-2026' };
  const linus = { username: `linus_${tag}`, email: `linus_${tag}@example.com`, password: 'Kernel-Hacking-2026' };
  const questionTitle = `Lighthouse Signal Gaps ${tag}`;
  /** @type {Record<string, Page>} */
  const pages = {};
  /** @type {string[]} */
  const browserErrors = [];
  const shared = { sessionId: '', question: '', text: '' };
  /** While the test cuts the gateway on purpose, failed WebSocket handshakes are expected. */
  let outage = false;
  let shots = 0;

  /** @param {string} name @param {{ width: number, height: number }} [viewport] */
  async function open(name, viewport = DESKTOP) {
    const context = await browser.newContext({ viewport, baseURL: baseUrl, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => browserErrors.push(`${name}: ${e.message}`));
    page.on('console', (m) => {
      const expected = /Failed to load resource/.test(m.text()) || (outage && /WebSocket connection to .* failed/.test(m.text()));
      if (m.type() === 'error' && !expected) {
        browserErrors.push(`${name}: ${m.text()}`);
      }
    });
    pages[name] = page;
    return page;
  }

  /**
   * Waits until the user's role select shows `role` and is enabled again (the change was answered).
   * @param {Page} page @param {string} username @param {string} role
   */
  async function roleSaved(page, username, role) {
    await page.waitForFunction(([name, want]) => {
      const label = Array.from(document.querySelectorAll('label')).find((l) => l.textContent === `Role of ${name}`);
      const select = /** @type {HTMLSelectElement | null} */ (label ? document.getElementById(label.htmlFor) : null);
      return Boolean(select && !select.disabled && select.value === want);
    }, [username, role]);
  }

  /** @param {Page} page @param {string} name */
  async function shot(page, name) {
    shots += 1;
    await page.screenshot({ path: join(screenshots, `${String(shots).padStart(2, '0')}-${name}.png`) });
  }

  /** @param {Page} page */
  const editorText = (page) => page.evaluate(() => Array.from(document.querySelectorAll('[data-testid=shared-editor] .cm-line'))
    .map((l) => l.textContent).join('\n'));

  /** @param {Page} page */
  const viewerText = (page) => page.evaluate(() => Array.from(document.querySelectorAll('[data-testid=code-viewer] .cm-line'))
    .map((l) => l.textContent).join('\n'));

  /** @param {Page} page */
  const editable = (page) => page.locator('[data-testid=shared-editor] .cm-content[contenteditable=true]').waitFor();

  /** @param {Page} page @param {{ username: string, email: string, password: string }} user */
  async function signUp(page, user) {
    await page.goto('/signup');
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: new RegExp(`Hi ${user.username}`) }).waitFor();
  }

  /** @param {Page} page @param {string} identifier @param {string} password */
  async function logIn(page, identifier, password) {
    await page.getByLabel('Username or email').fill(identifier);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** @param {Page} page @param {string} text */
  async function sendChat(page, text) {
    await page.locator('#chat-input').click();
    await page.keyboard.type(text, { delay: 15 });
    await page.keyboard.press('Enter');
  }

  /** @param {Page} page */
  const chatTexts = (page) => page.locator('.chat-list .chat-text').allTextContents();

  /** @param {string} path */
  const get = (path, headers = {}) => fetch(`${baseUrl}${path}`, { headers });

  const steps = [
    {
      name: 'nginx serves the app, answers /health, proxies the services and keeps /internal/ closed',
      gateway: true,
      run: async () => {
        const health = await get('/health');
        assertEqual(health.status, 200, 'GET /health');
        const deep = await get('/history/some-session');
        assertEqual(deep.status, 200, 'a deep link falls back to index.html');
        assert((await deep.text()).includes('<div id="root">'), 'the fallback is the app');
        assert((deep.headers.get('content-security-policy') ?? '').includes("default-src 'self'"), 'the app is served with its CSP');
        assertEqual(deep.headers.get('x-frame-options'), 'DENY', 'X-Frame-Options');
        const service = await get('/question-service-api/health');
        assertEqual(service.status, 200, 'a service through its public prefix');
        for (const path of ['/user-service-api/internal/users', '/history-service-api/internal/attempts', '/question-service-api/internal/questions/pick']) {
          assertEqual((await get(path)).status, 404, `${path} from outside`);
        }
        const index = await (await get('/')).text();
        const asset = index.match(/\/assets\/[^"]+\.js/)?.[0];
        assert(asset, 'index.html links a hashed script');
        const script = await get(String(asset), { 'Accept-Encoding': 'gzip' });
        assert((script.headers.get('cache-control') ?? '').includes('immutable'), 'hashed assets are cached for good');
        assertEqual(script.headers.get('content-encoding'), 'gzip', 'scripts are compressed');
        assertEqual((await get('/assets/missing-0000.js')).status, 404, 'a missing asset is a 404, not the app');
      },
    },
    {
      name: 'sign-up refuses a weak password with the service\'s explanation',
      run: async () => {
        const page = await open('ada');
        await page.goto('/signup');
        await shot(page, 'signup');
        await page.getByLabel('Username').fill(ada.username);
        await page.getByLabel('Email').fill(ada.email);
        await page.getByLabel('Password', { exact: true }).fill('short');
        await page.getByRole('button', { name: 'Create account' }).click();
        const error = page.locator('.form-error');
        await error.waitFor();
        assert(/at least 10 characters/.test(await error.innerText()), `the detail of the 400 is shown: ${await error.innerText()}`);
        await shot(page, 'signup-error');
      },
    },
    {
      name: 'two users sign up in two browser contexts',
      run: async () => {
        await signUp(pages.ada, ada);
        await signUp(await open('linus'), linus);
        await pages.ada.locator('#topic option').first().waitFor({ state: 'attached' });
        await shot(pages.ada, 'dashboard');
      },
    },
    {
      name: 'a wrong password is refused with a clear message',
      run: async () => {
        const page = await open('stranger');
        await page.goto('/login');
        await shot(page, 'login');
        await logIn(page, ada.username, 'not-the-password');
        const error = page.locator('.form-error');
        await error.waitFor();
        assertEqual(await error.innerText(), 'Invalid credentials.', 'the login error');
        await shot(page, 'login-error');
        await page.context().close();
      },
    },
    {
      name: 'an admin adds a question with an uploaded image',
      run: async () => {
        const page = await open('admin');
        await page.goto('/login');
        await logIn(page, 'admin', adminPassword);
        await page.getByRole('link', { name: 'Question bank' }).click();
        await page.getByRole('link', { name: 'New question' }).click();
        await page.getByLabel('Title').fill(questionTitle);
        await page.getByLabel('Difficulty').selectOption('Easy');
        await page.getByRole('checkbox', { name: 'Arrays' }).check();
        await page.getByLabel('Description (Markdown)').fill(
          'Lighthouses stand along a coast at the given positions. Return the **largest gap** between two neighbours.\n\n');
        await page.locator('[data-testid=image-input]').setInputFiles({ name: 'coast-map.png', mimeType: 'image/png', buffer: gradientPng(240, 120) });
        await page.waitForFunction(() => /!\[coast map\]\(\/question-service-api\/images\/[0-9a-f-]{36}\)/
          .test(/** @type {HTMLTextAreaElement} */ (document.querySelector('#qe-description')).value));
        await page.waitForFunction(() => {
          const img = /** @type {HTMLImageElement | null} */ (document.querySelector('.preview img'));
          return Boolean(img && img.complete && img.naturalWidth === 240);
        });
        await page.getByLabel('Constraints (one per line)').fill('2 <= n <= 100000');
        await shot(page, 'admin-question-editor');
        await page.getByRole('button', { name: 'Create question' }).click();
        await page.getByText(`“${questionTitle}” was added to the bank.`).waitFor();
        await shot(page, 'admin-question-bank');
      },
    },
    {
      name: 'a user finds the new question and sees its image',
      run: async () => {
        const page = pages.ada;
        await page.getByRole('link', { name: 'Questions', exact: true }).click();
        await page.getByLabel('Search').fill('lighthouse signal');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByRole('link', { name: questionTitle }).click();
        await page.getByRole('heading', { name: questionTitle }).waitFor();
        await page.waitForFunction(() => {
          const img = /** @type {HTMLImageElement | null} */ (document.querySelector('.question-article img'));
          return Boolean(img && img.complete && img.naturalWidth === 240 && img.alt === 'coast map');
        });
        await shot(page, 'question-with-image');
      },
    },
    {
      name: 'both users match on the same topic and difficulty',
      run: async () => {
        for (const page of [pages.ada, pages.linus]) {
          await page.goto('/');
          await page.locator('#topic').selectOption('strings');
          await page.locator('label.segment', { hasText: 'Medium' }).click();
        }
        await pages.ada.getByRole('button', { name: 'Find a partner' }).click();
        await pages.ada.getByText(/Looking for a partner on Strings/).waitFor();
        await pages.ada.getByRole('button', { name: 'Cancel' }).click();
        await pages.ada.getByText('Request cancelled.').waitFor();
        await pages.ada.getByRole('button', { name: 'OK' }).click();
        await pages.ada.getByRole('button', { name: 'Find a partner' }).click();
        await pages.ada.getByText(/Looking for a partner on Strings/).waitFor();
        await pages.ada.waitForFunction(() => Number(document.querySelector('.countdown span')?.textContent) > 0);
        await shot(pages.ada, 'dashboard-waiting');
        await pages.linus.getByRole('button', { name: 'Find a partner' }).click();
        await Promise.all([pages.ada, pages.linus].map((p) => p.waitForURL(/\/session\/[0-9a-f-]{36}$/, { timeout: 30_000 })));
        const idOf = (/** @type {Page} */ p) => new URL(p.url()).pathname.split('/').pop() ?? '';
        assertEqual(idOf(pages.linus), idOf(pages.ada), 'both are in the same session');
        shared.sessionId = idOf(pages.ada);
        await Promise.all([editable(pages.ada), editable(pages.linus)]);
        shared.question = await pages.ada.locator('#question-title').innerText();
      },
    },
    {
      name: 'both type into the editor at once and see the same text',
      run: async () => {
        const { ada: a, linus: l } = pages;
        await a.locator('[data-testid=shared-editor] .cm-content').click();
        await a.keyboard.type('# plan:', { delay: 10 });
        await waitUntil(async () => (await editorText(l)) === '# plan:', { message: async () => `linus sees ${JSON.stringify(await editorText(l))}` });
        await l.locator('[data-testid=shared-editor] .cm-content').click();
        await Promise.all([
          a.keyboard.press('Control+Home').then(() => a.keyboard.type('ada-first ', { delay: 30 })),
          l.keyboard.press('Control+End').then(() => l.keyboard.type(' linus-last', { delay: 30 })),
        ]);
        shared.text = 'ada-first # plan: linus-last';
        await waitUntil(async () => (await editorText(a)) === shared.text && (await editorText(l)) === shared.text, {
          message: async () => `ada sees ${JSON.stringify(await editorText(a))}, linus sees ${JSON.stringify(await editorText(l))}`,
        });
        await a.getByText('All changes saved').waitFor();
        await l.locator(`.cm-remote-caret[data-name="${ada.username}"]`).waitFor();
        await a.locator(`.cm-remote-caret[data-name="${linus.username}"]`).waitFor();
        assertEqual(await a.getByTestId('partner-presence').innerText(), 'online', 'ada sees linus online');
      },
    },
    {
      name: 'they chat both ways, with the typing indicator',
      run: async () => {
        const { ada: a, linus: l } = pages;
        await a.locator('#chat-input').click();
        await a.keyboard.type('Shall we sort first', { delay: 20 });
        await l.getByText(`${ada.username} is typing…`).waitFor();
        await a.keyboard.press('Enter');
        await l.locator('.chat-list .chat-text', { hasText: 'Shall we sort first' }).waitFor();
        await sendChat(l, 'Yes, then scan once');
        await a.locator('.chat-list .chat-text', { hasText: 'Yes, then scan once' }).waitFor();
        assertEqual((await chatTexts(a)).join(' | '), 'Shall we sort first | Yes, then scan once', 'ada\'s chat');
        await shot(a, 'session-room');
        await shot(l, 'session-room-partner');
      },
    },
    {
      name: 'run: one partner runs the shared code and both see who ran it and its output',
      run: async () => {
        const { ada: a, linus: l } = pages;
        // the shared text is not Python, so the run ends with a NameError both must see
        await a.getByTestId('run-button').click();
        for (const page of [a, l]) {
          await page.getByTestId('run-output').filter({ hasText: 'Exited with status 1' }).waitFor({ timeout: 45_000 });
          const stderr = await page.getByTestId('run-stderr').innerText();
          assert(stderr.includes("NameError: name 'ada' is not defined"), `the run's stderr: ${stderr}`);
        }
        assert((await l.getByTestId('run-output').innerText()).includes(`run by ${ada.username}`), 'linus sees who ran it');
        await shot(l, 'session-run-output');
      },
    },
    {
      name: 'the language switch reaches the partner',
      run: async () => {
        await pages.ada.locator('#session-language').selectOption('java');
        await pages.linus.waitForFunction(() => /** @type {HTMLSelectElement} */ (document.querySelector('#session-language')).value === 'java');
      },
    },
    {
      name: 'when the gateway drops every connection, the room says so, keeps offline edits and resyncs by itself',
      gateway: true,
      run: async () => {
        const { ada: a, linus: l } = pages;
        const { down, up } = gateway;
        if (!down || !up) {
          throw new Error('this step needs a gateway it can stop');
        }
        outage = true;
        await down();
        await a.getByTestId('reconnecting-banner').waitFor();
        await l.getByTestId('reconnecting-banner').waitFor();
        await a.locator('[data-testid=shared-editor] .cm-content').click();
        await a.keyboard.press('Control+End');
        await a.keyboard.type(' offline', { delay: 20 });
        await a.getByText('Edits kept until the connection is back').waitFor();
        await shot(a, 'session-reconnecting');
        await up();
        shared.text += ' offline';
        await waitUntil(async () => (await editorText(l)) === shared.text && (await editorText(a)) === shared.text, {
          timeout: 20_000,
          message: async () => `after reconnecting ada sees ${JSON.stringify(await editorText(a))}, linus ${JSON.stringify(await editorText(l))}`,
        });
        await Promise.all([a.getByTestId('reconnecting-banner').waitFor({ state: 'detached' }), l.getByTestId('reconnecting-banner').waitFor({ state: 'detached' })]);
        outage = false;
      },
    },
    {
      name: 'a message sent afterwards reaches the partner',
      run: async () => {
        await sendChat(pages.linus, 'Back online');
        await pages.ada.locator('.chat-list .chat-text', { hasText: 'Back online' }).waitFor();
      },
    },
    {
      name: 'the room still works at a laptop\'s half screen',
      run: async () => {
        await pages.ada.setViewportSize({ width: 720, height: 900 });
        const editor = await pages.ada.locator('[data-testid=shared-editor]').boundingBox();
        const chat = await pages.ada.locator('.chat-panel').boundingBox();
        assert(editor && editor.width >= 380, `the editor keeps room to code (${editor?.width} px)`);
        assert(chat && editor && chat.x + chat.width <= editor.x, 'the chat stays beside the editor');
        assert(chat && chat.y + chat.height <= 900, 'the chat fits on the screen');
        await pages.ada.evaluate(() => window.scrollTo(0, 0));
        await shot(pages.ada, 'session-room-narrow');
        await pages.ada.setViewportSize(DESKTOP);
      },
    },
    {
      name: 'a reload brings the user back into the session with nothing lost',
      run: async () => {
        const l = pages.linus;
        await l.reload();
        await editable(l);
        await waitUntil(async () => (await editorText(l)) === shared.text, { message: async () => `after the reload linus sees ${JSON.stringify(await editorText(l))}` });
        await l.locator('.chat-list .chat-text', { hasText: 'Yes, then scan once' }).waitFor();
        assertEqual((await chatTexts(l)).join(' | '), 'Shall we sort first | Yes, then scan once | Back online', 'linus\'s chat after the reload');
        assertEqual(await l.locator('#session-language').inputValue(), 'java', 'the language after the reload');
        await waitUntil(async () => (await pages.ada.getByTestId('partner-presence').innerText()) === 'online', { message: 'ada sees linus back online' });
        await l.locator('[data-testid=shared-editor] .cm-content').click();
        await l.keyboard.press('Control+End');
        await l.keyboard.type(' ok', { delay: 20 });
        shared.text += ' ok';
        await waitUntil(async () => (await editorText(pages.ada)) === shared.text, { message: 'ada sees the edit made after the reload' });
        await shot(l, 'session-room-after-reload');
      },
    },
    {
      name: 'one of them ends the session and both see it end',
      run: async () => {
        const { ada: a, linus: l } = pages;
        await a.getByText('All changes saved').waitFor();
        await a.getByRole('button', { name: 'End session' }).click();
        await a.getByRole('dialog').getByRole('button', { name: 'End session' }).click();
        await Promise.all([a.getByTestId('ended-banner').waitFor(), l.getByTestId('ended-banner').waitFor()]);
        assert((await l.getByTestId('ended-banner').innerText()).includes(`by ${ada.username}`), 'linus is told who ended it');
        await shot(l, 'session-ended');
      },
    },
    {
      name: 'both find the session in their history and replay it',
      run: async () => {
        for (const name of ['ada', 'linus']) {
          const page = pages[name];
          // a reload while the page's first token refresh is in flight would replay a rotated refresh
          // token (the user service then ends the sign-in), so each load is let to finish first
          const loaded = () => page.locator('table.attempts, .empty').first().waitFor();
          await page.goto('/history');
          await loaded();
          const row = page.getByRole('link', { name: shared.question });
          await waitUntil(async () => {
            if (await row.count() > 0) {
              return true;
            }
            await page.reload();
            await loaded();
            return row.count().then((n) => n > 0);
          }, { timeout: 30_000, interval: 1000, message: `${name}'s history lists the session` });
          if (name === 'ada') {
            await shot(page, 'history');
          }
          await row.first().click();
          await page.getByRole('heading', { name: shared.question }).waitFor();
          await waitUntil(async () => (await viewerText(page)) === shared.text, { message: async () => `final code is ${JSON.stringify(await viewerText(page))}` });
          if (name === 'ada') {
            await shot(page, 'attempt-code');
          }
          await page.getByRole('tab', { name: 'Replay' }).click();
          const scrubber = page.getByLabel('Position in the replay');
          await scrubber.waitFor();
          const last = Number(await scrubber.getAttribute('max'));
          assert(last >= 5, `the replay has the session's edits (${last})`);
          await scrubber.focus();
          await page.keyboard.press('End');
          await waitUntil(async () => (await viewerText(page)) === shared.text, { message: 'the last step shows the final code' });
          await page.keyboard.press('Home');
          await waitUntil(async () => (await viewerText(page)) === '', { message: 'step 0 is the empty editor' });
          await page.getByLabel('Speed').selectOption('16');
          await page.getByRole('button', { name: 'Play' }).click();
          await waitUntil(async () => {
            const text = await viewerText(page);
            return text.length > 0 && text !== shared.text;
          }, { message: 'the replay shows an intermediate text', interval: 20 });
          await page.getByTestId('replay-position').getByText(`Edit ${last} of ${last}`).waitFor({ timeout: 30_000 });
          assertEqual(await viewerText(page), shared.text, 'the text at the end of the replay');
          if (name === 'ada') {
            await shot(page, 'attempt-replay');
            await page.getByRole('tab', { name: /Chat/ }).click();
            await waitUntil(async () => {
              if (await page.locator('.transcript .chat-text').count() === 3) {
                return true;
              }
              const again = page.getByRole('button', { name: 'Check again' });
              if (await again.count() > 0) {
                await again.click();
                await page.getByRole('tab', { name: /Chat/ }).click();
              }
              return false;
            }, { timeout: 30_000, interval: 1000, message: 'the transcript reaches the history' });
            await shot(page, 'attempt-chat');
          }
        }
      },
    },
    {
      name: 'the stats count the session',
      run: async () => {
        await pages.ada.goto('/stats');
        assertEqual(await pages.ada.getByTestId('stat-total').innerText(), '1', 'sessions in the stats');
        await shot(pages.ada, 'stats');
      },
    },
    {
      name: 'a user nobody joins sees the criteria relaxed, then the timeout, and can try again',
      run: async () => {
        const hopper = { username: `hopper_${tag}`, email: `hopper_${tag}@example.com`, password: 'Debugging-Moth-1947' };
        const page = await open('hopper');
        await signUp(page, hopper);
        await page.goto('/');
        await page.locator('#topic').selectOption('bit-manipulation');
        await page.locator('label.segment', { hasText: 'Hard' }).click();
        await page.getByRole('button', { name: 'Find a partner' }).click();
        await page.getByText(/Looking for a partner on/).waitFor();
        // the queue counts follow my own request at once, not at the next poll
        await page.locator('label.segment', { hasText: 'Hard' }).getByText('1 waiting').waitFor({ timeout: 4_000 });
        await page.getByText('any difficulty of this topic is fine now').waitFor({ timeout: 30_000 });
        await shot(page, 'dashboard-relaxed');
        await page.getByText('No partner this time.').waitFor({ timeout: 30_000 });
        await page.getByText(/No partner was found for Bit Manipulation within \d+ seconds\./).waitFor({ timeout: 4_000 });
        await page.getByText('Nobody is waiting at the moment.', { exact: false }).waitFor({ timeout: 4_000 });
        await shot(page, 'dashboard-timeout');
        await page.getByRole('button', { name: 'Try again' }).click();
        await page.getByText(/Looking for a partner on/).waitFor();
        await page.getByRole('button', { name: 'Cancel' }).click();
        await page.getByText('Request cancelled.').waitFor();
        await page.context().close();
      },
    },
    {
      name: 'a sign-in that can no longer be renewed sends the user to log in, then back where they were',
      run: async () => {
        const page = pages.ada;
        await page.evaluate(() => window.localStorage.setItem('peerprep.refreshToken', 'revoked-or-expired'));
        await page.goto('/history?difficulty=Medium');
        await page.waitForURL(/\/login\?next=%2Fhistory%3Fdifficulty%3DMedium$/);
        await page.getByText('Your session has expired').waitFor();
        await logIn(page, ada.email, ada.password);
        await page.waitForURL(/\/history\?difficulty=Medium$/);
        await page.getByRole('link', { name: shared.question }).waitFor();
      },
    },
    {
      name: 'a user changes their display name',
      run: async () => {
        const page = pages.ada;
        await page.goto('/profile');
        await page.getByLabel('Display name').fill('Ada L.');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Saved.').waitFor();
        await page.locator('.user-name', { hasText: 'Ada L.' }).waitFor();
        await shot(page, 'profile');
      },
    },
    {
      name: 'an admin disables an account, which signs it out, and enables it again',
      run: async () => {
        const page = pages.admin;
        await page.getByRole('link', { name: 'Users' }).click();
        // the page it came from stays up until the lazily loaded Users page is ready, and may have a Search too
        await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
        await page.getByLabel('Search').fill(linus.username);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.getByText('1 account', { exact: true }).waitFor();
        await page.getByRole('button', { name: `Disable ${linus.username}` }).click();
        await page.getByRole('button', { name: `Enable ${linus.username}` }).waitFor();
        await shot(page, 'admin-users');
        await pages.linus.goto('/stats');
        await pages.linus.waitForURL(/\/login\?next=%2Fstats$/);
        await logIn(pages.linus, linus.username, linus.password);
        await pages.linus.locator('.form-error', { hasText: 'This account has been disabled.' }).waitFor();
        await shot(pages.linus, 'login-disabled');
        await page.getByRole('button', { name: `Enable ${linus.username}` }).click();
        await page.getByRole('button', { name: `Disable ${linus.username}` }).waitFor();
        await logIn(pages.linus, linus.username, linus.password);
        await pages.linus.waitForURL(/\/stats$/);
        assertEqual(await pages.linus.getByRole('link', { name: 'Question bank' }).count(), 0, 'admin links for a user');
      },
    },
    {
      name: 'an admin promotes a user, who then keeps the question bank, and demotes them again',
      run: async () => {
        const page = pages.admin;
        const role = page.getByLabel(`Role of ${linus.username}`);
        await role.selectOption('admin');
        await roleSaved(page, linus.username, 'admin');
        // the new role is in the next access token: signing in again gets it at once
        await pages.linus.getByRole('button', { name: 'Sign out' }).click();
        await pages.linus.waitForURL(/\/login/);
        await logIn(pages.linus, linus.username, linus.password);
        await pages.linus.getByRole('link', { name: 'Question bank' }).click();
        await pages.linus.getByRole('heading', { name: 'Question bank' }).waitFor();
        await shot(pages.linus, 'promoted-question-bank');
        await role.selectOption('user');
        await roleSaved(page, linus.username, 'user');
        await page.reload();
        await roleSaved(page, linus.username, 'user');
      },
    },
    {
      name: 'the dark theme is one click away',
      run: async () => {
        const page = pages.ada;
        await page.goto('/');
        await page.getByRole('heading', { name: /ready to practise/ }).waitFor();
        const before = await page.evaluate(() => document.documentElement.dataset.theme);
        await page.getByRole('button', { name: /Switch to the (dark|light) theme/ }).click();
        const after = await page.evaluate(() => document.documentElement.dataset.theme);
        assert(before !== after, `the theme changed (${before} → ${after})`);
        await shot(page, `dashboard-${after}`);
        await page.goto(`/session/${shared.sessionId}`);
        await page.getByRole('heading', { name: 'This session has ended' }).waitFor();
        await page.goto(`/history/${shared.sessionId}`);
        await page.getByRole('heading', { name: shared.question }).waitFor();
        await page.getByRole('tab', { name: 'Replay' }).click();
        await page.getByLabel('Position in the replay').waitFor();
        await shot(page, `attempt-replay-${after}`);
        await page.reload();
        await page.getByRole('heading', { name: shared.question }).waitFor();
        assertEqual(await page.evaluate(() => document.documentElement.dataset.theme), after, 'the theme after a reload');
      },
    },
    {
      name: 'a user changes their password, stays signed in, then deletes their account',
      run: async () => {
        const grace = { username: `grace_${tag}`, email: `grace_${tag}@example.com`, password: 'Compiler-Pioneer-1952' };
        const page = await open('grace');
        await signUp(page, grace);
        await page.goto('/profile');
        await page.getByLabel('Current password').fill(grace.password);
        await page.getByLabel('New password', { exact: true }).fill('Nanosecond-Wire-1985');
        await page.getByLabel('New password again').fill('Nanosecond-Wire-1985');
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.getByText('Your password was changed.').waitFor();
        await page.reload();
        await page.getByRole('heading', { name: 'Profile' }).waitFor();
        await page.getByLabel('Your password').fill('Nanosecond-Wire-1985');
        await page.getByRole('button', { name: 'Delete my account…' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Delete account' }).click();
        await page.waitForURL(/\/login$/);
        await page.getByText('Your account was deleted.').waitFor();
        await logIn(page, grace.username, 'Nanosecond-Wire-1985');
        await page.locator('.form-error', { hasText: 'Invalid credentials.' }).waitFor();
        await page.context().close();
      },
    },
    {
      name: 'an admin edits the question, then deletes it, and users no longer find it',
      run: async () => {
        const page = pages.admin;
        await page.getByRole('link', { name: 'Question bank' }).click();
        await page.getByRole('link', { name: questionTitle }).click();
        await page.getByLabel('Title').waitFor();
        const id = new URL(page.url()).pathname.split('/').pop();
        await page.getByLabel('Title').fill(`${questionTitle} revised`);
        await page.getByLabel('Hints (one per line)').fill('Sort the positions first.');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText(`“${questionTitle} revised” was updated.`).waitFor();
        await pages.ada.goto(`/questions/${id}`);
        await pages.ada.getByRole('heading', { name: `${questionTitle} revised` }).waitFor();
        await pages.ada.getByText('Hint 1').waitFor();
        await page.getByRole('link', { name: `${questionTitle} revised` }).click();
        await page.getByRole('button', { name: 'Delete' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
        await page.getByText(`“${questionTitle} revised” was deleted.`).waitFor();
        await pages.ada.reload();
        await pages.ada.getByRole('heading', { name: 'Question not found' }).waitFor();
      },
    },
    {
      name: 'no page raised a script error',
      run: async () => {
        assert(browserErrors.length === 0, `errors in the browser:\n${browserErrors.join('\n')}`);
      },
    },
  ];

  return {
    steps: steps.filter((s) => !s.gateway || gateway.down),
    /** @param {string} name */
    onFailure: async (name) => {
      for (const [who, page] of Object.entries(pages)) {
        if (!page.isClosed()) {
          await page.screenshot({ path: join(screenshots, `FAILED-${name}-${who}.png`) }).catch(() => undefined);
        }
      }
      if (browserErrors.length > 0) {
        console.log(`       browser errors:\n${browserErrors.map((e) => `         ${e}`).join('\n')}`);
      }
    },
  };
}
