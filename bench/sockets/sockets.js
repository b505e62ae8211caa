'use strict';
// The clients of bench/sockets.sh (see bench/README.md): creates --users users (Symphony PBKDF2 password blocks),
// signs each in (POST /api/v1/auth/signin), connects --per-user socket.io-client 2.5.0 sockets per user with
// ?sessionId= from --procs forked holders (holder.js), waits until every socket has had user_info, then
//   1. writes <state>/connected and waits for <state>/measured (the shell measures the server's heap meanwhile);
//   2. times --acks round trips of a cheap method (user:listZAddresses), one at a time per holder;
//   3. changes the first --warmup users' companyName at --rate a second ("warmup", for the JIT), then every user's
//      once through POST /pod/v1/admin/user/{uid}/update at --rate a second ("steady"), then again with
//      --concurrency requests in flight ("max"); each socket records when its user:update arrives, and the latency
//      is that less the event's data.user.updated (the commit, in ms).
// Writes the report to --report and every figure to --json. socket.io-client comes from testkit/node
// (BENCH_NODE_DIR); the process needs a file descriptor per socket (the shell raises ulimit -n).
const { fork } = require('child_process');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const opt = {
  base: '', token: '', users: 1000, perUser: 10, rate: 200, concurrency: 16, acks: 1000, procs: 2,
  parallel: 100, hsalt: '', hpassword: '', state: '', report: '', json: '', serverPid: 0, clkTck: 100,
  deliveryTimeout: 30, connectTimeout: 60, warmup: 200, gcLog: '',
};
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '').replace(/-([a-z])/g, (m, c) => c.toUpperCase());
  if (!(key in opt)) fail('unknown option ' + process.argv[i]);
  opt[key] = typeof opt[key] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}
const PASSWORD = 'bench-Passw0rd!';
const holders = [];

function log(msg) {
  process.stderr.write('[sockets ' + new Date().toTimeString().slice(0, 8) + '] ' + msg + '\n');
}

function fail(msg) {
  log('ERROR: ' + msg);
  for (const h of holders) h.child.kill();
  process.exit(1);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function post(url, body, headers) {
  const t0 = performance.now();
  const res = await fetch(opt.base + url, {
    method: 'POST',
    headers: Object.assign({ 'Content-Type': 'application/json' }, headers || {}),
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - t0 };
}

// Runs fn over items with at most n in flight.
async function pool(n, items, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

// Nearest-rank percentile of a sorted array.
function pct(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function summary(values) {
  const s = Float64Array.from(values).sort();
  return { n: s.length, p50: pct(s, 0.5), p90: pct(s, 0.9), p99: pct(s, 0.99), max: s.length ? s[s.length - 1] : NaN };
}

// CPU seconds this process has used so far.
function ownCpu() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

// CPU seconds all cores have been busy so far (user, nice, system, irq, softirq, steal).
function machineCpu() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (f[1] + f[2] + f[3] + f[6] + f[7] + f[8]) / opt.clkTck;
}

// CPU seconds the PostgreSQL backends of the bench database have used so far (pids from <state>/pg-pids, which the
// shell writes for a local PostgreSQL; 0 otherwise). A backend that has gone counts no more.
function pgCpu() {
  const file = path.join(opt.state, 'pg-pids');
  if (!fs.existsSync(file)) return 0;
  let total = 0;
  for (const pid of fs.readFileSync(file, 'utf8').split(/\s+/).filter(Boolean)) {
    try {
      const stat = fs.readFileSync('/proc/' + pid + '/stat', 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) / opt.clkTck;
    } catch (e) {
      // gone
    }
  }
  return total;
}

// CPU seconds (user + system) the server has used so far.
function serverCpu() {
  if (!opt.serverPid) return 0;
  const stat = fs.readFileSync('/proc/' + opt.serverPid + '/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / opt.clkTck;
}

// ---- the holders

function startHolder() {
  const child = fork(path.join(__dirname, 'holder.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const h = { child, waiting: [] };
  child.on('message', (msg) => {
    if (msg.op === 'failed') fail('a holder failed: ' + msg.message);
    const w = h.waiting.shift();
    if (w) w(msg);
  });
  child.on('exit', (code) => {
    if (!closing) fail('a socket holder exited (' + code + ')');
  });
  holders.push(h);
  return h;
}
let closing = false;

function ask(h, msg) {
  return new Promise((resolve) => {
    h.waiting.push(resolve);
    h.child.send(msg);
  });
}

function askAll(make) {
  return Promise.all(holders.map((h, i) => ask(h, make(i))));
}

// ---- the run

async function main() {
  const report = [];
  const out = { users: opt.users, perUser: opt.perUser, sockets: opt.users * opt.perUser };

  log('creating ' + opt.users + ' users (POST /pod/v2/admin/user/create, 8 in flight)');
  const users = [];
  let t0 = performance.now();
  await pool(8, Array.from({ length: opt.users }, (_, i) => i), async (i) => {
    const r = await post('/pod/v2/admin/user/create', {
      userAttributes: { userName: 'sock.' + i, emailAddress: 'sock.' + i + '@bench.io', firstName: 'Sock',
        lastName: 'User' + i, displayName: 'Sock User' + i, accountType: 'NORMAL' },
      roles: ['INDIVIDUAL'],
      password: { hSalt: opt.hsalt, hPassword: opt.hpassword },
    }, { sessionToken: opt.token });
    if (r.status !== 200) fail('creating user ' + i + ': ' + r.status + ' ' + r.text);
    users[i] = { i, uid: JSON.parse(r.text).userSystemInfo.id, email: 'sock.' + i + '@bench.io' };
  });
  out.createSecs = (performance.now() - t0) / 1000;
  log('created ' + opt.users + ' users in ' + out.createSecs.toFixed(1) + ' s');

  // A sign-in checks the PBKDF2 block, then rehashes the password with the server's Argon2id cost (sockets.sh makes
  // it cheap unless ATRIUM_PASSWORD_HASH says otherwise): a few at a time.
  log('signing in ' + opt.users + ' users (POST /api/v1/auth/signin, 4 in flight)');
  t0 = performance.now();
  await pool(4, users, async (u) => {
    const r = await post('/api/v1/auth/signin', { email: u.email, password: PASSWORD });
    const token = r.status === 200 ? JSON.parse(r.text).data.session_token : null;
    if (!token) fail('signing in ' + u.email + ': ' + r.status + ' ' + r.text);
    u.token = token;
  });
  out.signinSecs = (performance.now() - t0) / 1000;
  allUids = users.map((u) => u.uid);
  log('signed in ' + opt.users + ' users in ' + out.signinSecs.toFixed(1) + ' s');

  // The shell measures the server's heap before the sockets come.
  await handshake('signedin', '', 'measured-before');

  // Socket j of user i goes to holder (i * perUser + j) mod procs.
  for (let p = 0; p < opt.procs; p++) startHolder();
  const shares = holders.map(() => []);
  users.forEach((u) => {
    for (let j = 0; j < opt.perUser; j++) shares[(u.i * opt.perUser + j) % opt.procs].push({ uid: u.uid, token: u.token });
  });
  log('connecting ' + out.sockets + ' sockets from ' + opt.procs + ' processes, ' + opt.parallel + ' handshakes in flight');
  t0 = performance.now();
  const connected = await askAll((i) => ({ op: 'connect', url: opt.base, sockets: shares[i],
    parallel: Math.ceil(opt.parallel / opt.procs), timeoutMs: opt.connectTimeout * 1000 }));
  out.connectSecs = (performance.now() - t0) / 1000;
  out.ready = connected.reduce((n, c) => n + c.ready, 0);
  out.connectFailed = connected.reduce((n, c) => n + c.failed, 0);
  const connectErrors = [].concat(...connected.map((c) => c.errors));
  log(out.ready + ' sockets have had user_info, ' + out.connectFailed + ' failed, in ' + out.connectSecs.toFixed(1) + ' s'
    + (connectErrors.length ? ' (e.g. ' + connectErrors.slice(0, 3).join('; ') + ')' : ''));
  if (out.ready === 0) fail('no socket connected');

  // The shell measures the server's heap now, with every socket connected and idle.
  await handshake('connected', 'ready=' + out.ready + '\nfailed=' + out.connectFailed + '\nconnect_secs='
    + out.connectSecs.toFixed(1) + '\n', 'measured');

  // The floor: a cheap method's round trip, one at a time per holder.
  log('timing ' + opt.acks + ' acks of user:listZAddresses');
  const ackReplies = await askAll(() => ({ op: 'acks', n: Math.ceil(opt.acks / opt.procs), method: 'user:listZAddresses',
    timeoutMs: 10000 }));
  out.ack = summary([].concat(...ackReplies.map((a) => a.rtts)));
  out.ack.errors = ackReplies.reduce((n, a) => n + a.errors, 0);
  log('ack round trip p50 ' + out.ack.p50.toFixed(2) + ' ms, p99 ' + out.ack.p99.toFixed(2) + ' ms, ' + out.ack.errors + ' errors');

  // A warm-up round on the first --warmup users (the JIT has seen few updates so far); reported, not judged.
  out.rounds = [];
  if (opt.warmup > 0) out.rounds.push(await round('warmup', 1));
  out.rounds.push(await round('steady', 1));
  out.rounds.push(await round('max', 2));

  closing = true;
  for (const h of holders) h.child.send({ op: 'close' });

  // ---- the report
  const f = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
  report.push('clients: ' + out.users + ' users x ' + out.perUser + ' sockets (socket.io-client 2.5.0, EIO3, websocket, path /socket, ?sessionId=) from '
    + opt.procs + ' Node processes; users created in ' + out.createSecs.toFixed(1) + ' s, signed in in ' + out.signinSecs.toFixed(1)
    + ' s; ' + out.ready + ' sockets had user_info (' + out.connectFailed + ' failed) after ' + out.connectSecs.toFixed(1) + ' s');
  report.push('');
  report.push('ack round trip (user:listZAddresses, one at a time per process, ' + out.ack.n + ' acks, ' + out.ack.errors
    + ' errors): p50 ' + out.ack.p50.toFixed(2) + ' ms, p99 ' + out.ack.p99.toFixed(2) + ' ms, max ' + f(out.ack.max) + ' ms');
  report.push('');
  report.push('fan-out: every user\'s companyName changed once (POST /pod/v1/admin/user/{uid}/update as the administrator);');
  report.push('latency = user:update arrival at a socket - data.user.updated (set in the transaction, just before its commit), over every socket');
  report.push('');
  const fmt = '%-7s %7s %8s %7s %10s %7s %7s %7s %7s %7s %5s %4s %8s %8s %8s %10s %9s %9s %8s %11s';
  report.push(sprintf(fmt, 'round', 'updates', 'asked/s', 'done/s', 'deliveries', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms',
    'missing', 'stale', 'dups', 'http p50', 'http p99', 'http max', 'CPU ms/upd', 'srv cores', 'cli cores', 'pg cores',
    'other cores'));
  for (const r of out.rounds) {
    report.push(sprintf(fmt, r.name, r.updates, r.asked, r.rate.toFixed(0), r.delivery.n, f(r.delivery.p50),
      f(r.delivery.p90), f(r.delivery.p99), f(r.delivery.max), r.missing, r.stale, r.duplicates, f(r.http.p50),
      f(r.http.p99), f(r.http.max), r.cpuPerUpdate.toFixed(2), r.cores.toFixed(2), r.clientCores.toFixed(2),
      r.pgCores === null ? '-' : r.pgCores.toFixed(2), r.otherCores.toFixed(2)));
  }
  report.push('');
  report.push('server GC pauses during each round: ' + out.rounds.map((r) => r.name + ' ' + r.gc.n + ' (max ' + r.gc.max.toFixed(0)
    + ' ms, total ' + r.gc.total.toFixed(0) + ' ms' + (r.gc.real > 0 ? ', GC threads on ' + (r.gc.cpu / r.gc.real).toFixed(1)
    + ' cores while paused' : '') + ')').join(', '));
  report.push('client event-loop lag (a 10 ms timer, ms; adds to the latencies above): '
    + out.rounds.map((r) => r.name + ' p99 ' + f(r.lag.p99) + ' max ' + f(r.lag.max)).join(', '));
  for (const r of out.rounds) {
    if (r.httpErrors > 0) report.push('  ' + r.name + ': ' + r.httpErrors + ' update calls failed');
    if (r.behind > 5) report.push('  ' + r.name + ': the driver fell up to ' + r.behind.toFixed(0) + ' ms behind its schedule');
  }
  const busiest = Math.max(...out.rounds.map((r) => r.otherCores));
  if (busiest > 0.2) {
    report.push('WARNING: other processes kept up to ' + busiest.toFixed(2) + ' cores busy during a round: latencies are higher');
    report.push('than this server on an idle machine would give.');
  }
  report.push('targets:');
  for (const r of out.rounds.filter((x) => x.name !== 'warmup')) {
    report.push('  ' + r.name + ': p99 <= 200 ms: ' + f(r.delivery.p99) + ' ms -> ' + (r.delivery.p99 <= 200 ? 'pass' : 'MISS')
      + '; no delivery missing: ' + r.missing + ' -> ' + (r.missing === 0 && r.delivery.n === out.ready ? 'pass' : 'MISS'));
  }
  out.disconnects = out.rounds[out.rounds.length - 1].disconnects;
  report.push('  sockets dropped by the server during the run: ' + out.disconnects + ' -> ' + (out.disconnects === 0 ? 'pass' : 'MISS'));
  fs.writeFileSync(opt.report, report.join('\n') + '\n');
  fs.writeFileSync(opt.json, JSON.stringify(out) + '\n');
  await sleep(300);
  process.exit(0);
}

// The server's GC pauses between two wall-clock times, from its GC log (-Xlog:gc*:file=...:time,uptime,level,tags):
// how many, the longest and their sum (ms), and the CPU its GC threads got while paused (G1's gc+cpu lines).
function gcPauses(from, to) {
  const out = { n: 0, max: 0, total: 0, cpu: 0, real: 0 };
  if (!opt.gcLog || !fs.existsSync(opt.gcLog)) return out;
  const cpuById = new Map();
  const pauses = [];
  for (const line of fs.readFileSync(opt.gcLog, 'utf8').split('\n')) {
    const m = /^\[([^\]]+)\]\[[^\]]+\]\[info\s*\]\[gc(?:,phases)?\s*\] GC\((\d+)\) (.*)$/.exec(line);
    if (!m) {
      const c = /\[gc,cpu\s*\] GC\((\d+)\) User=([\d.]+)s Sys=([\d.]+)s Real=([\d.]+)s/.exec(line);
      if (c) cpuById.set(c[1], { cpu: Number(c[2]) + Number(c[3]), real: Number(c[4]) });
      continue;
    }
    const p = /(?:^|: )Pause .* ([\d.]+)ms$/.exec(m[3]);
    if (!p) continue;
    const at = Date.parse(m[1].replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
    if (at >= from && at <= to) pauses.push({ id: m[2], ms: Number(p[1]) });
  }
  for (const p of pauses) {
    out.n++;
    out.max = Math.max(out.max, p.ms);
    out.total += p.ms;
  }
  for (const id of new Set(pauses.map((p) => p.id))) {
    const c = cpuById.get(id);
    if (c) {
      out.cpu += c.cpu;
      out.real += c.real;
    }
  }
  return out;
}

// The commit time of an update, from its reply (Symphony's V1 user detail: userSystemInfo.lastUpdatedDate, ms).
function committed(text) {
  try {
    const info = JSON.parse(text).userSystemInfo;
    return info && typeof info.lastUpdatedDate === 'number' ? info.lastUpdatedDate : null;
  } catch (e) {
    return null;
  }
}

// Tells the shell we are at a point (writes <state>/<name>), then waits for its answer (<state>/<answer>).
async function handshake(name, content, answer) {
  fs.writeFileSync(path.join(opt.state, name + '.tmp'), content);
  fs.renameSync(path.join(opt.state, name + '.tmp'), path.join(opt.state, name));
  const until = performance.now() + 600000;
  while (!fs.existsSync(path.join(opt.state, answer))) {
    if (performance.now() > until) fail('the shell did not answer ' + name + ' within 600 s');
    await sleep(100);
  }
}

// One change of every user's companyName: mode 1 at opt.rate a second, mode 2 with opt.concurrency in flight.
async function round(name, mode) {
  const prefix = name + '-';
  const uids = name === 'warmup' ? allUids.slice(0, Math.min(allUids.length, opt.warmup)) : allUids;
  const armed = await askAll(() => ({ op: 'arm', round: name, prefix, uids }));
  const http = [];
  let httpErrors = 0;
  let behind = 0;
  const calls = []; // [uid, sent, answered (epoch ms), updated (the commit, epoch ms)], for the JSON
  const update = async (uid) => {
    try {
      const sent = Date.now();
      const r = await post('/pod/v1/admin/user/' + uid + '/update', { companyName: prefix + uid }, { sessionToken: opt.token });
      calls.push([uid, sent, Date.now(), r.status === 200 ? committed(r.text) : null]);
      if (r.status === 200) http.push(r.ms);
      else if (httpErrors++ < 3) log(name + ': update of ' + uid + ' answered ' + r.status + ' ' + r.text.slice(0, 200));
    } catch (e) {
      if (httpErrors++ < 3) log(name + ': update of ' + uid + ' failed: ' + e.message);
    }
  };
  log(name + ': ' + uids.length + ' updates ' + (mode === 1 ? 'at ' + opt.rate + '/s' : 'with ' + opt.concurrency + ' in flight'));
  const wall0 = Date.now();
  const cpu0 = serverCpu();
  const pg0 = pgCpu();
  const machine0 = machineCpu();
  const own0 = ownCpu();
  const t0 = performance.now();
  if (mode === 1) {
    const interval = 1000 / opt.rate;
    const pending = [];
    for (let i = 0; i < uids.length; i++) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      behind = Math.max(behind, performance.now() - due);
      pending.push(update(uids[i]));
    }
    await Promise.all(pending);
  } else {
    await pool(opt.concurrency, uids, update);
  }
  const secs = (performance.now() - t0) / 1000;
  const collected = await askAll(() => ({ op: 'collect', round: name, timeoutMs: opt.deliveryTimeout * 1000 }));
  // CPU over the round, until the last delivery (or the collect timeout): the server's, the clients' (this
  // process and the holders), and the machine's busy time less both ("other": whatever else ran).
  const window = (performance.now() - t0) / 1000;
  const cpu = serverCpu() - cpu0;
  const clients = ownCpu() - own0 + collected.reduce((n, c, i) => n + c.cpu - armed[i].cpu, 0);
  const pg = pgCpu() - pg0;
  const other = Math.max(0, machineCpu() - machine0 - cpu - clients - pg);
  const gc = gcPauses(wall0, Date.now());
  const r = {
    gc, name, asked: mode === 1 ? String(opt.rate) : 'max', rate: uids.length / secs, secs, updates: uids.length,
    http: summary(http), httpErrors, behind,
    delivery: summary([].concat(...collected.map((c) => c.latencies))),
    missing: collected.reduce((n, c) => n + c.missing, 0),
    stale: collected.reduce((n, c) => n + c.stale, 0),
    duplicates: collected.reduce((n, c) => n + c.duplicates, 0),
    disconnects: collected.reduce((n, c) => n + c.disconnects, 0),
    lag: summary([].concat(...collected.map((c) => c.lags))),
    calls, arrivals: [].concat(...collected.map((c) => c.arrivals)),
    cpuPerUpdate: cpu * 1000 / uids.length, cores: cpu / window, clientCores: clients / window,
    pgCores: fs.existsSync(path.join(opt.state, 'pg-pids')) ? pg / window : null, otherCores: other / window,
  };
  log(name + ': ' + r.rate.toFixed(0) + ' updates/s; delivery p50 ' + r.delivery.p50.toFixed(1) + ' ms, p99 '
    + r.delivery.p99.toFixed(1) + ' ms, max ' + r.delivery.max.toFixed(1) + ' ms; ' + r.missing + ' missing; http p99 '
    + r.http.p99.toFixed(1) + ' ms');
  return r;
}

let allUids = [];
function usersForRound() {
  return allUids;
}

function sprintf(fmt, ...args) {
  let i = 0;
  return fmt.replace(/%(-?)(\d*)s/g, (m, left, width) => {
    const s = String(args[i++]);
    const w = Number(width || 0);
    return left ? s.padEnd(w) : s.padStart(w);
  });
}

process.on('SIGTERM', () => fail('terminated'));
process.on('SIGINT', () => fail('interrupted'));
main().catch((e) => fail(e.stack || String(e)));
