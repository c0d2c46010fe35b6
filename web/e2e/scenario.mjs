// The end-to-end scenario: what two users and an admin do with PeerPrep, step by step.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradientPng } from './lib/png.mjs';
import { assert, assertEqual, waitUntil } from './lib/runner.mjs';
import { describeViolations, seriousViolations } from './lib/axe.mjs';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Browser} Browser */

const DESKTOP = { width: 1366, height: 860 };

/**
 * @param {{ browser: Browser, gateway: { url: string, down?: () => Promise<void>, up?: () => Promise<void> }, adminPassword: string, screenshots: string }} env
 */
export function scenario({ browser, gateway, adminPassword, screenshots }) {
  // PEERPREP_E2E_DOC_SCREENSHOTS=1 also saves the room's screenshots for docs/web.md into docs/images/
  const docShots = process.env.PEERPREP_E2E_DOC_SCREENSHOTS === '1'
    ? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'images') : null;
  const baseUrl = gateway.url;
  const tag = Date.now().toString(36).slice(-5);
  const ada = { username: `ada_${tag}`, email: `ada_${tag}@example.com`, password: 'Practice-Pairs-2026', displayName: 'Ada L.' };
  const linus = { username: `linus_${tag}`, email: `linus_${tag}@example.com`, password: 'Kernel-Hacking-2026' };
  const questionTitle = `Lighthouse Signal Gaps ${tag}`;
  /** @type {Record<string, Page>} */
  const pages = {};
  /** @type {string[]} */
  const browserErrors = [];
  /** @type {string[]} */
  const a11yProblems = [];
  const shared = { sessionId: '', question: '', text: '', questionWidth: 0 };
  /** While the test cuts the gateway on purpose, failed WebSocket handshakes are expected. */
  let outage = false;
  let shots = 0;

  /** @param {string} name @param {{ width: number, height: number }} [viewport] */
  async function open(name, viewport = DESKTOP) {
    const context = await browser.newContext({ viewport, baseURL: baseUrl, reducedMotion: 'reduce' });
    const page = await context.newPage();
    watch(page, name);
    pages[name] = page;
    return page;
  }

  /** Collects the page's script errors. @param {Page} page @param {string} name */
  function watch(page, name) {
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => browserErrors.push(`${name}: ${e.message}`));
    page.on('console', (m) => {
      const expected = /Failed to load resource/.test(m.text()) || (outage && /WebSocket connection to .* failed/.test(m.text()));
      // a frame of the real services that the app's decoders refuse is a contract broken between them
      const refusedFrame = /Skipped a WebSocket frame/.test(m.text());
      if ((m.type() === 'error' && !expected) || refusedFrame) {
        browserErrors.push(`${name}: ${m.text()}`);
      }
    });
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

  /**
   * Takes a screenshot and checks the page with axe in both themes.
   * @param {Page} page @param {string} name
   */
  async function shot(page, name) {
    shots += 1;
    await page.screenshot({ path: join(screenshots, `${String(shots).padStart(2, '0')}-${name}.png`) });
    await accessible(page, name);
  }

  /** @param {Page} page */
  const themeOf = (page) => page.evaluate(() => document.documentElement.dataset.theme ?? 'light');

  /**
   * Switches the page to `want`: through the system preference while the user has not picked a theme,
   * else with the toggle. False when it cannot (a modal dialog covers the toggle).
   * @param {Page} page @param {string} want
   */
  async function switchTheme(page, want) {
    const picked = await page.evaluate(() => window.localStorage.getItem('peerprep.theme'));
    if (picked === null) {
      await page.emulateMedia({ colorScheme: /** @type {'light' | 'dark'} */ (want) });
    } else {
      if (await page.locator('dialog[open]').count() > 0) {
        return false;
      }
      await page.getByRole('button', { name: /Switch to the (dark|light) theme/ }).click();
    }
    await page.waitForFunction((w) => document.documentElement.dataset.theme === w, want);
    // the editors follow the theme in an effect: two frames later they have
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return true;
  }

  /**
   * Runs axe in the page's theme and in the other one, then puts the theme back; serious and critical
   * violations are collected for the last step.
   * @param {Page} page @param {string} name
   */
  async function accessible(page, name) {
    const first = await themeOf(page);
    const other = first === 'dark' ? 'light' : 'dark';
    for (const v of await seriousViolations(page)) {
      a11yProblems.push(`${name} (${first}): ${describeViolations([v])}`);
    }
    if (await switchTheme(page, other)) {
      for (const v of await seriousViolations(page)) {
        a11yProblems.push(`${name} (${other}): ${describeViolations([v])}`);
      }
      await switchTheme(page, first);
    }
  }

  /** @param {Page} page */
  const editorText = (page) => page.evaluate(() => Array.from(document.querySelectorAll('[data-testid=shared-editor] .cm-line'))
    .map((l) => l.textContent).join('\n'));

  /** @param {Page} page */
  const viewerText = (page) => page.evaluate(() => Array.from(document.querySelectorAll('[data-testid=code-viewer] .cm-line'))
    .map((l) => l.textContent).join('\n'));

  /** @param {Page} page */
  const editable = (page) => page.locator('[data-testid=shared-editor] .cm-content[contenteditable=true]').waitFor();

  /** @param {Page} page @param {{ username: string, email: string, password: string, displayName?: string }} user */
  async function signUp(page, user) {
    await page.goto('/signup');
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    if (user.displayName) {
      await page.getByLabel('Display name').fill(user.displayName);
    }
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: `Hi ${user.displayName ?? user.username}, ready to practise?` }).waitFor();
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
      name: 'sign-up says what is wrong as the user types, marks the field and says why the button waits',
      run: async () => {
        const page = await open('ada');
        await page.goto('/signup');
        const submit = page.getByRole('button', { name: 'Create account' });
        assert(await submit.isDisabled(), 'nothing filled in: the button waits');
        await page.getByText('Fill in your username, email and password to continue.').waitFor();
        await shot(page, 'signup');
        await page.getByLabel('Username').fill(ada.username);
        await page.getByLabel('Email').fill(ada.email);
        const password = page.getByLabel('Password', { exact: true });
        await password.fill('short');
        await page.locator('#password-problem', { hasText: 'at least 10 characters' }).waitFor();
        assertEqual(await password.getAttribute('aria-invalid'), 'true', 'the password field is marked');
        assert(await submit.isDisabled(), 'a weak password keeps the button disabled');
        await page.getByText('Fix the password above to continue.').waitFor();
        await password.fill('alllowercaseletters');
        await page.locator('#password-problem', { hasText: 'two kinds of characters' }).waitFor();
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
      name: 'the session starts with the question\'s Python starter code, swapped for Java\'s and back while untouched',
      run: async () => {
        const { ada: a, linus: l } = pages;
        const python = await editorText(a);
        assert(/^class Solution:/.test(python), `the editor starts with the Python starter code: ${JSON.stringify(python.slice(0, 60))}`);
        assertEqual(await editorText(l), python, 'linus starts with the same starter code');
        await shot(a, 'session-starter-code');
        await a.locator('#session-language').selectOption('java');
        await waitUntil(async () => /^class Solution \{/.test(await editorText(l)), { message: async () => `linus sees ${JSON.stringify((await editorText(l)).slice(0, 60))}` });
        assertEqual(await l.locator('#session-language').inputValue(), 'java', 'linus\'s language after the switch');
        assertEqual(await editorText(a), await editorText(l), 'both see the Java starter code');
        await a.locator('#session-language').selectOption('python');
        await waitUntil(async () => (await editorText(l)) === python && (await editorText(a)) === python, { message: 'back to the Python starter code for both' });
      },
    },
    {
      name: 'Tab indents by the language\'s unit inside the editor, and Escape then Tab moves on',
      run: async () => {
        const { ada: a, linus: l } = pages;
        const content = a.locator('[data-testid=shared-editor] .cm-content');
        await content.click();
        await a.keyboard.press('Control+a');
        await a.keyboard.press('Delete');
        await a.keyboard.type('x');
        await a.keyboard.press('Home');
        await a.keyboard.press('Tab');
        await waitUntil(async () => (await editorText(a)) === '    x', { message: async () => `Python indents by 4 spaces: ${JSON.stringify(await editorText(a))}` });
        assert(await a.evaluate(() => Boolean(document.activeElement?.closest('[data-testid=shared-editor]'))), 'Tab kept the focus in the editor');
        const before = await editorText(a);
        await a.keyboard.press('Escape');
        await a.keyboard.press('Tab');
        assert(await a.evaluate(() => !document.activeElement?.closest('[data-testid=shared-editor]')), 'Escape then Tab left the editor');
        assertEqual(await editorText(a), before, 'Escape then Tab typed nothing');
        // the next steps start from an empty editor
        await content.click();
        await a.keyboard.press('Control+a');
        await a.keyboard.press('Delete');
        await waitUntil(async () => (await editorText(l)) === '' && (await editorText(a)) === '', { message: 'both editors are empty again' });
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
        // each sees the other by the name they go by: ada's display name, linus's username
        await l.locator(`.cm-remote-caret[data-name="${ada.displayName}"]`).waitFor();
        await l.getByRole('heading', { name: `Session with ${ada.displayName}` }).waitFor();
        await a.getByRole('heading', { name: `Session with ${linus.username}` }).waitFor();
        // the caret is redrawn whenever the partner's cursor moves, so its style is read from the one on the page
        // at that moment (a redrawn-away element has no computed style)
        let label = '';
        await waitUntil(async () => {
          label = await l.evaluate(() => {
            const caret = document.querySelector('.cm-remote-caret');
            return caret?.isConnected ? getComputedStyle(caret, '::after').top : '';
          });
          return label !== '';
        }, { message: 'linus sees a caret label on the page' });
        assertEqual(label, '0px', 'the caret label sits on its own line, not over the line above');
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
        await l.getByText(`${ada.displayName} is typing…`).waitFor();
        await a.keyboard.press('Enter');
        await l.locator('.chat-list .chat-text', { hasText: 'Shall we sort first' }).waitFor();
        await l.locator('.chat-message', { hasText: 'Shall we sort first' }).getByText(ada.displayName).waitFor();
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
      name: 'switching the language of edited code asks first; keeping the code switches only the language',
      run: async () => {
        const { ada: a, linus: l } = pages;
        await a.locator('#session-language').selectOption('java');
        const dialog = a.getByRole('dialog', { name: 'Switch to Java?' });
        await dialog.waitFor();
        await shot(a, 'session-language-ask');
        await dialog.getByRole('button', { name: 'Keep my code' }).click();
        await l.waitForFunction(() => /** @type {HTMLSelectElement} */ (document.querySelector('#session-language')).value === 'java');
        assertEqual(await editorText(l), shared.text, 'the code is kept');
        assertEqual(await editorText(a), shared.text, 'the code is kept for ada too');
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
      name: 'on a phone the room shows one panel at a time with Question, Code and Chat tabs, and counts new messages',
      run: async () => {
        const a = pages.ada;
        await a.setViewportSize({ width: 390, height: 844 });
        const tabs = a.getByRole('tablist', { name: 'Room' });
        await tabs.waitFor();
        const tab = (/** @type {string} */ name) => tabs.getByRole('tab', { name: new RegExp(`^${name}`) });
        assertEqual(await tab('Code').getAttribute('aria-selected'), 'true', 'the Code tab is chosen first');
        const editor = await a.locator('[data-testid=shared-editor]').boundingBox();
        assert(editor && editor.width >= 330 && editor.height >= 300, `the editor fills the phone (${editor?.width}×${editor?.height})`);
        assert(!(await a.locator('.chat-panel').isVisible()), 'the chat is on its own tab');
        await tab('Question').click();
        await a.locator('#question-title').waitFor();
        assert(!(await a.locator('[data-testid=shared-editor]').isVisible()), 'the editor is hidden behind its tab');
        await sendChat(pages.linus, 'Phone check');
        await tabs.getByRole('tab', { name: 'Chat (1 new)' }).waitFor();
        await tab('Chat').click();
        await a.locator('.chat-list .chat-text', { hasText: 'Phone check' }).waitFor();
        assertEqual(await tab('Chat').locator('.unread').count(), 0, 'reading the chat clears the count');
        const width = await a.evaluate(() => document.documentElement.scrollWidth);
        assert(width <= 390, `nothing overflows the phone's width (${width} px)`);
        await tab('Code').click();
        await a.setViewportSize(DESKTOP);
      },
    },
    {
      name: 'the panes resize with the keyboard or the mouse, and each user\'s widths are remembered',
      run: async () => {
        const l = pages.linus;
        const question = () => l.locator('.pane-question').boundingBox();
        const before = await question();
        const handle = l.getByRole('separator', { name: 'Resize the question panel' });
        await handle.focus();
        await l.keyboard.press('End');
        const after = await question();
        assert(before && after && after.width > before.width + 100, `the question panel grew (${before?.width} → ${after?.width})`);
        const chatHandle = l.getByRole('separator', { name: 'Resize the chat panel' });
        const box = await chatHandle.boundingBox();
        const chatBefore = await l.locator('.pane-chat').boundingBox();
        assert(box && chatBefore, 'the chat handle and panel are on screen');
        await l.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await l.mouse.down();
        await l.mouse.move(box.x - 60, box.y + box.height / 2, { steps: 4 });
        await l.mouse.up();
        const chatAfter = await l.locator('.pane-chat').boundingBox();
        assert(chatAfter && chatAfter.width > chatBefore.width + 40, `dragging widened the chat (${chatBefore.width} → ${chatAfter?.width})`);
        shared.questionWidth = after.width;
      },
    },
    {
      name: 'screenshots of the room at 1280×800, 720×800 and 390×844 in both themes',
      run: async () => {
        const a = pages.ada;
        for (const [width, height] of [[1280, 800], [720, 800], [390, 844]]) {
          await a.setViewportSize({ width, height });
          for (const theme of ['light', 'dark']) {
            if (await themeOf(a) !== theme) {
              await switchTheme(a, theme);
            }
            await a.locator('[data-testid=shared-editor] .cm-content').waitFor();
            const name = `room-${width}-${theme}`;
            await shot(a, name);
            if (docShots) {
              await a.screenshot({ path: join(docShots, `${name}.png`) });
            }
          }
        }
        await switchTheme(a, 'light');
        await a.setViewportSize(DESKTOP);
      },
    },
    {
      name: 'a reload brings the user back into the session with nothing lost',
      run: async () => {
        const l = pages.linus;
        await l.reload();
        await editable(l);
        const width = (await l.locator('.pane-question').boundingBox())?.width ?? 0;
        assert(Math.abs(width - shared.questionWidth) < 2, `the question panel keeps its width after the reload (${shared.questionWidth} → ${width})`);
        await waitUntil(async () => (await editorText(l)) === shared.text, { message: async () => `after the reload linus sees ${JSON.stringify(await editorText(l))}` });
        await l.locator('.chat-list .chat-text', { hasText: 'Yes, then scan once' }).waitFor();
        assertEqual((await chatTexts(l)).join(' | '), 'Shall we sort first | Yes, then scan once | Back online | Phone check', 'linus\'s chat after the reload');
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
      name: 'leaving the room through a link asks first; the session stays one click away on every page and on another device, even 5 minutes later',
      run: async () => {
        const { ada: a, linus: l } = pages;
        const history = a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' });
        await history.click();
        const leave = a.getByRole('dialog', { name: 'Leave the session room?' });
        await leave.waitFor();
        await shot(a, 'session-leave-ask');
        await leave.getByRole('button', { name: 'Stay' }).click();
        assert(a.url().endsWith(`/session/${shared.sessionId}`), 'Stay keeps ada in the room');
        await history.click();
        await leave.getByRole('button', { name: 'Leave the room' }).click();
        await a.waitForURL(/\/history$/);
        const banner = a.getByTestId('active-session-banner');
        await banner.getByText(shared.question).waitFor();
        await shot(a, 'history-with-session-banner');
        // another device, whose clock runs 5 minutes ahead while the user reads other pages; the
        // matching service forgets the match result after 5 s in this stack, so only the collaboration
        // service's own record can bring the user back
        const other = await open('ada-laptop');
        await other.clock.install();
        await other.goto('/login');
        await logIn(other, ada.username, ada.password);
        await other.getByRole('heading', { name: /ready to practise/ }).waitFor();
        await other.getByTestId('active-session-banner').getByText(shared.question).waitFor();
        await other.clock.fastForward('05:00');
        await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Questions' }).click();
        await other.getByRole('heading', { name: 'Questions', exact: true }).waitFor();
        await other.getByTestId('active-session-banner').getByRole('link', { name: 'Rejoin the session' }).click();
        await other.waitForURL(new RegExp(`/session/${shared.sessionId}$`));
        await editable(other);
        await waitUntil(async () => (await editorText(other)) === shared.text, { message: async () => `the other device sees ${JSON.stringify(await editorText(other))}` });
        await other.context().close();
        delete pages['ada-laptop'];
        await banner.getByRole('link', { name: 'Rejoin the session' }).click();
        await a.waitForURL(new RegExp(`/session/${shared.sessionId}$`));
        await editable(a);
        await waitUntil(async () => (await editorText(a)) === shared.text, { message: 'ada is back with the code' });
        await waitUntil(async () => (await l.getByTestId('partner-presence').innerText()) === 'online', { message: 'linus sees ada back' });
      },
    },
    {
      name: 'a partner who closes the tab is reported at once, in the room and the chat, with the choices; waiting brings them back',
      run: async () => {
        const a = pages.ada;
        const context = pages.linus.context();
        const lines = (/** @type {string} */ text) => a.getByTestId('chat-event').filter({ hasText: text }).count();
        const leftBefore = await lines(`${linus.username} left the room`);
        const backBefore = await lines(`${linus.username} is back.`);
        await pages.linus.close();
        const away = a.getByTestId('partner-away');
        await away.getByText(`${linus.username} left the room.`).waitFor({ timeout: 5_000 });
        await waitUntil(async () => (await lines(`${linus.username} left the room`)) > leftBefore, { timeout: 5_000, message: 'the chat says linus left' });
        for (const choice of [`Wait for ${linus.username}`, 'End the session', 'Find a new partner']) {
          await away.getByRole('button', { name: choice }).waitFor();
        }
        await shot(a, 'session-partner-left');
        await away.getByRole('button', { name: `Wait for ${linus.username}` }).click();
        await away.getByText(`Waiting for ${linus.username} to come back.`).waitFor();
        const l = await context.newPage();
        watch(l, 'linus');
        pages.linus = l;
        await l.goto(`/session/${shared.sessionId}`);
        await editable(l);
        await waitUntil(async () => (await lines(`${linus.username} is back.`)) > backBefore, { message: 'the chat says linus is back' });
        await away.waitFor({ state: 'detached' });
        await waitUntil(async () => (await editorText(l)) === shared.text, { message: 'linus is back with the code' });
      },
    },
    {
      name: 'one of them ends the session and both see it end',
      run: async () => {
        const { ada: a, linus: l } = pages;
        await a.getByText('All changes saved').waitFor();
        await a.getByRole('button', { name: 'End session' }).click();
        await a.getByRole('dialog').getByRole('button', { name: 'End session' }).click();
        await Promise.all([a.getByTestId('ended-view').waitFor(), l.getByTestId('ended-view').waitFor()]);
        assert((await l.getByTestId('ended-summary').innerText()).includes(`ended by ${ada.displayName}`), 'linus is told who ended it');
        assert((await a.getByTestId('ended-summary').innerText()).includes('ended by you'), 'ada is told she ended it');
        assertEqual(await l.getByRole('button', { name: 'End session' }).count(), 0, 'no End button once ended');
        assertEqual(await l.locator('#session-language').count(), 0, 'no language picker once ended');
        await l.getByRole('link', { name: 'Open it in your history' }).waitFor();
        await waitUntil(async () => (await viewerText(l)) === shared.text, { message: 'the ended view shows the final code' });
        await shot(l, 'session-ended');
      },
    },
    {
      name: 'both find the session in their history, its run, and replay it with the run and the language switch',
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
          const moments = page.getByRole('list', { name: 'Runs and language switches' });
          await moments.getByRole('button', { name: /^Python → Java, switched by / }).first().waitFor();
          await moments.getByRole('button', { name: /^Run 1 by .*Exited with status 1/ }).click();
          await page.getByTestId('replay-moment').getByText('Run 1: Exited with status 1', { exact: false }).waitFor();
          await page.getByRole('tab', { name: 'Runs (1)' }).click();
          const kept = page.getByTestId('attempt-run');
          await kept.filter({ hasText: 'Exited with status 1' }).waitFor();
          const keptText = await kept.innerText();
          assert(keptText.includes("NameError: name 'ada' is not defined"), `the kept run's stderr: ${keptText}`);
          assert(keptText.includes(name === 'ada' ? 'by you' : 'by '), `the kept run names who ran it: ${keptText}`);
          if (name === 'ada') {
            await shot(page, 'attempt-runs');
            await page.getByRole('tab', { name: 'Replay' }).click();
            await page.getByLabel('Position in the replay').waitFor();
            await shot(page, 'attempt-replay');
            await page.getByRole('tab', { name: /Chat/ }).click();
            await waitUntil(async () => {
              if (await page.locator('.transcript .chat-text').count() === 4) {
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
        // my own request shows as mine at once, and is not counted among the others waiting
        await page.locator('label.segment', { hasText: 'Hard' }).getByText('you are waiting').waitFor({ timeout: 4_000 });
        await page.getByText('Nobody else is waiting at the moment').waitFor({ timeout: 8_000 });
        await page.getByText('any difficulty of this topic is fine now').waitFor({ timeout: 30_000 });
        await shot(page, 'dashboard-relaxed');
        await page.getByText('No partner this time.').waitFor({ timeout: 30_000 });
        await page.getByText(/No partner was found for Bit Manipulation within \d+ seconds\./).waitFor({ timeout: 4_000 });
        await page.getByText('Nobody is waiting at the moment.', { exact: false }).waitFor({ timeout: 4_000 });
        assertEqual(await page.locator('.match-card .button-primary').count(), 1, 'one primary button after the timeout');
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
        await page.getByLabel('Display name').fill('Ada Lovelace');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Saved.').waitFor();
        await page.locator('.user-name', { hasText: 'Ada Lovelace' }).waitFor();
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
        await page.setViewportSize({ width: 390, height: 844 });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert(width <= 390, `the users page fits a phone (${width} px)`);
        await shot(page, 'admin-users-phone');
        await page.setViewportSize(DESKTOP);
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
      name: 'axe finds no serious or critical violation on any page, in either theme',
      run: async () => {
        assert(a11yProblems.length === 0, `accessibility violations:\n${[...new Set(a11yProblems)].join('\n')}`);
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
