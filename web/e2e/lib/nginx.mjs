// Runs the real nginx, configured from web/nginx.conf.template exactly as the container renders it, in
// front of the built app and the services: a foreground process on a free port with its own prefix.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, readFile, rm, writeFile, chmod, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Replaces only the named ${VARIABLES}, like `envsubst '$A $B'`: nginx's own variables stay as they are.
 * @param {string} template
 * @param {Record<string, string>} values
 */
export function render(template, values) {
  return template.replace(/\$\{([A-Z_]+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

/**
 * @param {{ template: string, root: string, upstreams: Record<string, string>, log: string }} options
 * @returns {Promise<{ url: string, down: () => Promise<void>, up: () => Promise<void>, stop: () => Promise<void> }>}
 */
export async function startNginx({ template, root, upstreams, log }) {
  const prefix = await mkdtemp(join(tmpdir(), 'peerprep-nginx-'));
  // worker processes run as an unprivileged user when nginx starts as root; they need to reach the prefix
  await chmod(prefix, 0o755);
  const port = await freePort();
  const values = { NGINX_PORT: String(port), NGINX_ROOT: root, NGINX_RESOLVER: '127.0.0.1', NGINX_CONNECT_SRC: '', ...upstreams };
  const rendered = render(await readFile(template, 'utf8'), values);
  const unrendered = rendered.match(/\$\{[A-Z_]+\}/);
  if (unrendered) {
    throw new Error(`nginx.conf.template names ${unrendered[0]}, which the test does not provide`);
  }
  // the container keeps its pid and temp files in /tmp; this run keeps them in its own prefix
  const config = rendered.replaceAll('/tmp/nginx', join(prefix, 'nginx'));
  const file = join(prefix, 'nginx.conf');
  await writeFile(file, config);

  // a file, not a pipe: the config logs to /dev/stdout, which nginx cannot open when it is a socket
  const output = await open(log, 'w');
  const url = `http://127.0.0.1:${port}`;

  async function launch() {
    const child = spawn('nginx', ['-p', prefix, '-c', file, '-e', join(prefix, 'error.log'), '-g', 'daemon off;'], {
      stdio: ['ignore', output.fd, output.fd],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const deadline = Date.now() + 10_000;
    for (;;) {
      const early = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 100))]);
      if (early) {
        throw new Error(`nginx exited at start; see ${log}`);
      }
      if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) {
        return { child, exited };
      }
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`nginx did not answer /health within 10 s; see ${log}`);
      }
    }
  }

  /** Fast shutdown (SIGTERM): open connections, WebSockets included, are cut at once. */
  async function halt(/** @type {{ child: import('node:child_process').ChildProcess, exited: Promise<unknown> }} */ running) {
    if (running.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill('SIGTERM');
      const timer = setTimeout(() => running.child.kill('SIGKILL'), 5000);
      await running.exited;
      clearTimeout(timer);
    }
  }

  /** @type {{ child: import('node:child_process').ChildProcess, exited: Promise<unknown> }} */
  let running;
  try {
    running = await launch();
  } catch (e) {
    await output.close();
    throw e;
  }

  return {
    url,
    /** Stops answering and cuts every connection, as a gateway restart would. */
    down: () => halt(running),
    /** Comes back on the same port. */
    up: async () => {
      running = await launch();
    },
    stop: async () => {
      await halt(running);
      await output.close();
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
