/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
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

const host = process.env.PEERPREP_BACKEND_HOST ?? '127.0.0.1';
// lets the dev server front a second stack, e.g. the end-to-end one on 18001-18006
const offset = Number(process.env.PEERPREP_BACKEND_PORT_OFFSET ?? 0);

const proxy = Object.fromEntries(
  Object.entries(services).map(([prefix, port]) => [
    `^/${prefix}/(?!internal/)`,
    {
      target: `http://${host}:${port + offset}`,
      changeOrigin: true,
      ws: true,
      rewrite: (path: string) => path.replace(new RegExp(`^/${prefix}`), ''),
    },
  ]),
);

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
  // the lazily loaded editor chunk (CodeMirror with four languages) is about 650 kB before gzip
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 700,
    // timing advice is noise on a shared, slow build machine
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
