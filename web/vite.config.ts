/// <reference types="vitest/config" />
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Mirrors nginx.conf.template: each public prefix goes to its service with the prefix stripped,
// WebSockets included; /internal/ is never proxied.
const services: Record<string, number> = {
  'user-service-api': 8004,
  'question-service-api': 8001,
  'matching-service-api': 8002,
  'history-service-api': 8003,
  'collaboration-service-api': 8005,
  'chat-service-api': 8006,
  'execution-service-api': 8007,
};

// A path that encodes what no browser encodes (a dot, a slash, a backslash, a letter, a digit, a percent
// sign, NUL) or that holds a dot segment could climb out of a prefix once a service decodes it: refused
// here as nginx refuses it, before the proxy sees it.
const REFUSED = '(%(2[d-fD-F]|3[0-9]|4[1-9a-fA-F]|5[0-9aAcCfF]|6[1-9a-fA-F]|7[0-9aAeE]|25|00)|\\\\|/\\.\\.?(/|\\?|#|$))';
const REFUSED_PATH = new RegExp(`^[^?#]*${REFUSED}`);

function refuseEncodedPaths(): Plugin {
  const guard = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (!REFUSED_PATH.test(req.url ?? '/')) {
      next();
      return;
    }
    res.statusCode = 400;
    res.setHeader('Content-Type', 'application/problem+json');
    res.end(JSON.stringify({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request path is malformed: paths may not encode dots, slashes, letters or digits, nor hold . or .. segments.',
    }));
  };
  return {
    name: 'peerprep-refuse-encoded-paths',
    configureServer(server) {
      server.middlewares.use(guard);
    },
    configurePreviewServer(server) {
      server.middlewares.use(guard);
    },
  };
}

const host = process.env.PEERPREP_BACKEND_HOST ?? '127.0.0.1';
// lets the dev server front a second stack, e.g. the end-to-end one on 18001-18006
const offset = Number(process.env.PEERPREP_BACKEND_PORT_OFFSET ?? 0);

const proxy = Object.fromEntries(
  Object.entries(services).map(([prefix, port]) => [
    // the negative look-ahead keeps refused paths and /internal/ away from the proxy, WebSocket upgrades included
    `^/${prefix}/(?![^?#]*${REFUSED})(?!internal(/|$))`,
    {
      target: `http://${host}:${port + offset}`,
      changeOrigin: true,
      ws: true,
      rewrite: (path: string) => path.replace(new RegExp(`^/${prefix}`), ''),
    },
  ]),
);

export default defineConfig({
  plugins: [refuseEncodedPaths(), react()],
  server: { proxy },
  preview: { proxy },
  // the lazily loaded editor chunk (CodeMirror with four languages) is about 650 kB before gzip
  build: {
    outDir: 'dist',
    // maps are written for debugging a release but not referenced from the bundles, and nginx never serves them
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 700,
    // timing advice is noise on a shared, slow build machine
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
