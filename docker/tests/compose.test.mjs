// Checks that the compose files, the env samples and ENVIRONMENT_VARIABLES.md agree with each other
// and with the architecture's names and ports. Run by scripts/test-containers.sh with node --test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(path.join(root, 'tools', 'container-lint', 'package.json'));
const YAML = require('yaml');

const SERVICES = {
  user: { name: 'user-service', port: 8004, db: 'user_db', redis: true },
  question: { name: 'question-service', port: 8001, db: 'question_db', redis: false },
  matching: { name: 'matching-service', port: 8002, db: 'matching_db', redis: true },
  history: { name: 'history-service', port: 8003, db: 'history_db', redis: false },
  collab: { name: 'collaboration-service', port: 8005, db: null, redis: true },
  chat: { name: 'chat-service', port: 8006, db: null, redis: true },
  execution: { name: 'execution-service', port: 8007, db: null, redis: false },
};

const load = (file) => YAML.parse(readFileSync(path.join(root, file), 'utf8'), { merge: true });

function documentedVariables() {
  const doc = readFileSync(path.join(root, 'ENVIRONMENT_VARIABLES.md'), 'utf8');
  const vars = new Map();
  for (const line of doc.split('\n')) {
    const m = line.match(/^\|\s*`([A-Z0-9_]+)`\s*\|\s*([^|]+)\|/);
    if (m) vars.set(m[1], m[2].split(',').map((s) => s.trim()));
  }
  return vars;
}

function sampleKeys(file) {
  return readFileSync(path.join(root, file), 'utf8').split('\n')
    .filter((l) => /^[A-Z0-9_]+=/.test(l))
    .map((l) => { const i = l.indexOf('='); return [l.slice(0, i), l.slice(i + 1)]; });
}

test('the root compose file includes every service and the web app', () => {
  const rootCompose = load('docker-compose.yml');
  const paths = rootCompose.include.map((i) => (typeof i === 'string' ? i : i.path));
  for (const mod of [...Object.keys(SERVICES), 'web']) {
    assert.ok(paths.includes(`${mod}/docker-compose.yml`), `${mod} is not included`);
  }
});

for (const [mod, svc] of Object.entries(SERVICES)) {
  test(`${svc.name}: port, healthcheck, networks, storage sidecars`, () => {
    const compose = load(`${mod}/docker-compose.yml`);
    const s = compose.services[svc.name];
    assert.ok(s, `${mod}/docker-compose.yml defines ${svc.name}`);
    assert.deepEqual(s.ports, [`127.0.0.1:${svc.port}:8000`]);
    assert.equal(s.environment.PORT, '8000');
    assert.match(s.healthcheck.test.join(' '), /http:\/\/127\.0\.0\.1:8000\/health/);
    assert.ok(s.networks.includes('peerprep'));
    assert.equal(compose.networks.peerprep.external, true);
    assert.equal(compose.networks.peerprep.name, 'peerprep');
    assert.equal(s.build.dockerfile, `${mod}/Dockerfile`);
    assert.ok(existsSync(path.join(root, mod, 'Dockerfile')));
    assert.ok(s.restart);
    const sidecars = [];
    if (svc.db) {
      const db = compose.services[`${mod}-db`];
      assert.match(db.image, /^postgres:16/);
      assert.equal(db.environment.POSTGRES_DB, svc.db);
      assert.equal(s.environment.DB_NAME, svc.db);
      assert.equal(s.environment.DB_HOST, `${mod}-db`);
      sidecars.push(`${mod}-db`);
    }
    if (svc.redis) {
      const redis = compose.services[`${mod}-redis`];
      assert.match(redis.image, /^redis:7/);
      assert.match(s.environment.REDIS_URL, new RegExp(`redis://${mod}-redis:6379`));
      sidecars.push(`${mod}-redis`);
    }
    for (const name of sidecars) {
      const side = compose.services[name];
      assert.ok(side.healthcheck, `${name} has a healthcheck`);
      assert.equal(s.depends_on[name].condition, 'service_healthy');
      const volume = side.volumes[0].split(':')[0];
      assert.ok(Object.hasOwn(compose.volumes, volume), `${name} keeps its data in the named volume ${volume}`);
      assert.ok(side.networks.includes(`${mod}-private`));
      assert.equal(side.ports, undefined, `${name} is not published on the host`);
    }
  });
}

test('every variable a compose file or sample sets is documented for the services that read it', () => {
  const documented = documentedVariables();
  const files = [...Object.keys(SERVICES).map((m) => `${m}/docker-compose.yml`), 'docker-compose.prod.yml'];
  const names = Object.fromEntries(Object.entries(SERVICES).map(([, s]) => [s.name, s.name]));
  for (const file of files) {
    const compose = load(file);
    for (const [svcName, s] of Object.entries(compose.services)) {
      if (!names[svcName]) continue;
      for (const key of Object.keys(s.environment ?? {})) {
        assert.ok(documented.has(key), `${key} (${file}, ${svcName}) is missing from ENVIRONMENT_VARIABLES.md`);
        const readers = documented.get(key);
        assert.ok(readers.includes(svcName) || readers.includes('all services'),
          `ENVIRONMENT_VARIABLES.md does not list ${svcName} as a reader of ${key}`);
      }
    }
  }
  for (const sample of ['.env.sample', '.env.prod.sample']) {
    for (const [key] of sampleKeys(sample)) {
      assert.ok(documented.has(key), `${key} from ${sample} is missing from ENVIRONMENT_VARIABLES.md`);
    }
  }
});

test('sample env files hold placeholders, never secrets', () => {
  for (const sample of ['.env.sample', '.env.prod.sample']) {
    for (const [key, value] of sampleKeys(sample)) {
      if (key.startsWith('SECRET_')) {
        assert.match(value, /^(|change-me.*|<[^>]+>)$/, `${sample}: ${key} must be a placeholder`);
      }
    }
  }
});

test('the production compose file runs no PostgreSQL or Redis of its own', () => {
  const prod = load('docker-compose.prod.yml');
  for (const [name, s] of Object.entries(prod.services)) {
    assert.doesNotMatch(s.image, /postgres|redis/, `${name} must not be a storage sidecar`);
  }
  for (const svc of Object.values(SERVICES)) {
    const s = prod.services[svc.name];
    assert.ok(s, `${svc.name} is in the production file`);
    if (svc.db) assert.equal(s.environment.DB_NAME, svc.db);
    if (svc.redis) assert.match(s.environment.REDIS_URL, /ElastiCache|rediss?:/);
  }
});

test('the frontend proxies every service through its upstream variable', () => {
  const web = load('web/docker-compose.yml').services.frontend;
  const template = readFileSync(path.join(root, 'web', 'nginx.conf.template'), 'utf8');
  for (const svc of Object.values(SERVICES)) {
    const prefix = svc.name.replace('-service', '').toUpperCase();
    const variable = `${prefix}_SERVICE_UPSTREAM`;
    assert.equal(web.environment[variable], `${svc.name}:8000`);
    assert.ok(template.includes('${' + variable + '}'), `nginx.conf.template uses ${variable}`);
    assert.ok(template.includes(`location /${svc.name}-api/`), `nginx.conf.template routes /${svc.name}-api/`);
  }
});

test('the production compose file verifies the database certificate and keeps the backends off public ports', () => {
  const prod = load('docker-compose.prod.yml');
  for (const svc of Object.values(SERVICES)) {
    const s = prod.services[svc.name];
    if (svc.db) {
      assert.match(s.environment.DB_SSL_MODE, /verify-full/, `${svc.name} DB_SSL_MODE`);
      assert.match(s.environment.DB_SSL_ROOT_CERT, /rds-global-bundle\.pem/, `${svc.name} DB_SSL_ROOT_CERT`);
    }
    for (const port of s.ports ?? []) {
      assert.match(String(port), /^127\.0\.0\.1:/, `${svc.name} publishes ${port} beyond this host`);
    }
    assert.match(s.healthcheck.test.join(' '), /\/health\/live$/, `${svc.name} container check is the liveness route`);
  }
});
