// Accessibility checks with axe-core, run inside the page under test. The script is evaluated through
// the DevTools protocol, so the app's Content-Security-Policy (no inline scripts) does not block it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let source = '';

/** @typedef {{ id: string, impact: string, help: string, nodes: { target: string[], failureSummary?: string }[] }} Violation */

/**
 * The serious and critical violations axe finds in the page as it is now (WCAG 2.1 A and AA rules and
 * axe's best practices).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<Violation[]>}
 */
export async function seriousViolations(page) {
  if (!source) {
    source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(`${source}\n;0`);
  }
  /** @type {Violation[]} */
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is defined by the script evaluated above
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((/** @type {any} */ v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((/** @type {any} */ n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** @param {Violation[]} violations */
export function describeViolations(violations) {
  return violations.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}
