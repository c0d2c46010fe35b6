// A small sequential runner: each step depends on the ones before, so the first failure stops the run.
// It prints one line per step and a summary that makes a failure obvious.

/** @typedef {{ name: string, run: () => Promise<void> }} Step */

/**
 * @param {Step[]} steps
 * @param {{ onFailure?: (name: string, error: unknown) => Promise<void> }} hooks
 * @returns {Promise<boolean>} true when every step passed
 */
export async function runSteps(steps, hooks = {}) {
  const started = Date.now();
  let passed = 0;
  /** @type {{ name: string, error: unknown } | null} */
  let failure = null;
  for (const [index, step] of steps.entries()) {
    if (failure) {
      console.log(`  -  ${step.name} (skipped)`);
      continue;
    }
    const t0 = Date.now();
    try {
      await step.run();
      passed += 1;
      console.log(`  ✓  ${step.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failure = { name: step.name, error };
      console.log(`  ✗  ${step.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      console.log(indent(error instanceof Error ? error.stack ?? error.message : String(error)));
      await hooks.onFailure?.(`${String(index + 1).padStart(2, '0')}-${slug(step.name)}`, error).catch(() => undefined);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const skipped = steps.length - passed - (failure ? 1 : 0);
  console.log('');
  console.log(failure
    ? `E2E FAILED: ${passed} passed, 1 failed (${failure.name}), ${skipped} skipped, in ${seconds} s`
    : `E2E PASSED: ${passed} of ${steps.length} steps, in ${seconds} s`);
  return failure === null;
}

/** @param {string} text */
function indent(text) {
  return text.split('\n').map((l) => `       ${l}`).join('\n');
}

/** @param {string} text */
export function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/**
 * Polls a condition that lives outside one page (two browsers, a service) until it holds.
 * @param {() => Promise<boolean>} condition
 * @param {{ timeout?: number, interval?: number, message: string | (() => Promise<string> | string) }} options
 */
export async function waitUntil(condition, { timeout = 15_000, interval = 200, message }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await condition()) {
      return;
    }
    if (Date.now() > deadline) {
      const text = typeof message === 'function' ? await message() : message;
      throw new Error(`Timed out after ${timeout} ms: ${text}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** @param {unknown} actual @param {unknown} expected @param {string} what */
export function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/**
 * @param {unknown} condition @param {string} message
 * @returns {asserts condition}
 */
export function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}
