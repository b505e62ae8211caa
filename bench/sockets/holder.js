'use strict';
// One of bench/sockets/sockets.js's socket holders (a forked child): holds its share of the sockets, all
// socket.io-client 2.5.0 (Engine.IO v3, as Roomful's clients), and answers the coordinator's messages over IPC:
//   {op:'connect', url, sockets:[{uid, token}], parallel, timeoutMs}  -> {op:'connected', ready, failed, errors}
//   {op:'acks', n, method, timeoutMs}                    -> {op:'acks', rtts, errors}
//   {op:'arm', round, prefix, uids}                      -> {op:'armed', cpu}
//   {op:'collect', round, timeoutMs}            -> {op:'collected', latencies, missing, stale, duplicates, disconnects, cpu}
// (cpu: this process's CPU seconds so far; lags: how late its event loop ran a 10 ms timer during the round, ms)
//   {op:'close'}                                         closes every socket and exits
// A user:update counts for a round when its data.user.companyName is the round's prefix + the user id; its latency
// is the arrival (wall clock, sub-millisecond) less data.user.updated (the commit, in ms).
const path = require('path');
const { createRequire } = require('module');
const { performance } = require('perf_hooks');

const NODE_DIR = process.env.BENCH_NODE_DIR;
const io = createRequire(path.join(NODE_DIR, 'package.json'))('sio2');

const entries = [];
let disconnects = 0;
let armed = null; // {round, prefix}
let stale = 0;
let duplicates = 0;

function now() {
  return performance.timeOrigin + performance.now();
}

function cpuSecs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function send(msg) {
  process.send(msg);
}

function connectOne(url, spec, timeoutMs) {
  return new Promise((resolve) => {
    const socket = io(url, {
      path: '/socket',
      transports: ['websocket'],
      upgrade: false,
      forceNew: true,
      reconnection: false,
      timeout: timeoutMs,
      query: { sessionId: spec.token },
    });
    const entry = { socket, uid: String(spec.uid), ready: false, got: new Map() };
    let settled = false;
    const settle = (ok, why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (ok) {
        entry.ready = true;
        entries.push(entry);
      } else {
        socket.close();
      }
      resolve(ok ? null : why);
    };
    const timer = setTimeout(() => settle(false, 'no user_info within ' + timeoutMs + ' ms'), timeoutMs);
    socket.on('user_info', (msg) => {
      const id = msg && msg.data && msg.data.user && msg.data.user.id;
      settle(id === entry.uid && msg.error && msg.error.status === false, 'user_info for ' + id + ', not ' + entry.uid);
    });
    socket.on('anonymousConnection', () => settle(false, 'anonymousConnection (the session was not accepted)'));
    socket.on('connect_error', (err) => settle(false, 'connect_error: ' + (err && err.message ? err.message : err)));
    socket.on('error', (err) => settle(false, 'error: ' + (err && err.message ? err.message : err)));
    socket.on('disconnect', (reason) => {
      if (entry.ready) disconnects++;
      settle(false, 'disconnect: ' + reason);
    });
    socket.on('user:update', (msg) => {
      const at = now();
      const user = msg && msg.data && msg.data.user;
      if (!armed || !user || user.companyName !== armed.prefix + entry.uid) {
        stale++;
        return;
      }
      if (entry.got.has(armed.round)) {
        duplicates++;
        return;
      }
      entry.got.set(armed.round, { lat: at - Date.parse(user.updated), at });
    });
  });
}

async function connectAll(msg) {
  let next = 0;
  let failed = 0;
  const errors = [];
  const worker = async () => {
    while (next < msg.sockets.length) {
      const spec = msg.sockets[next++];
      const why = await connectOne(msg.url, spec, msg.timeoutMs);
      if (why !== null) {
        failed++;
        if (errors.length < 5) errors.push(why);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, msg.parallel) }, worker));
  send({ op: 'connected', ready: entries.length, failed, errors });
}

// One ack at a time on this holder, round robin over its sockets: the round trip of a cheap method.
async function acks(msg) {
  const rtts = [];
  let errors = 0;
  for (let i = 0; i < msg.n && entries.length > 0; i++) {
    const entry = entries[(i * 7919) % entries.length];
    const rtt = await new Promise((resolve) => {
      const t0 = performance.now();
      const timer = setTimeout(() => resolve(null), msg.timeoutMs);
      entry.socket.emit(msg.method, {}, (reply) => {
        clearTimeout(timer);
        resolve(reply && reply.error && reply.error.status === false ? performance.now() - t0 : null);
      });
    });
    if (rtt === null) errors++;
    else rtts.push(rtt);
  }
  send({ op: 'acks', rtts, errors });
}

// Waits until every socket of the round's users has its user:update, or the timeout.
async function collect(msg) {
  const deadline = performance.now() + msg.timeoutMs;
  const mine = entries.filter((e) => armed.uids.has(e.uid));
  const missingNow = () => mine.reduce((n, e) => n + (e.got.has(msg.round) ? 0 : 1), 0);
  while (missingNow() > 0 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const latencies = [];
  const arrivals = []; // [uid, arrival (epoch ms)] of every delivery, for the JSON
  for (const e of mine) {
    const got = e.got.get(msg.round);
    if (got) {
      latencies.push(got.lat);
      arrivals.push([e.uid, Math.round(got.at * 10) / 10]);
    }
  }
  const lags = stopLagProbe();
  send({ op: 'collected', latencies, arrivals, missing: mine.length - latencies.length, stale, duplicates, disconnects,
    cpu: cpuSecs(), lags });
  stale = 0;
  duplicates = 0;
}

// How late this process's event loop runs a 10 ms timer during a round: an arrival is stamped only when the loop
// gets to it, so a busy or starved client adds its lag to the latencies it reports.
let lagTimer = null;
let lagSamples = [];
function startLagProbe() {
  stopLagProbe();
  let last = performance.now();
  lagSamples = [];
  lagTimer = setInterval(() => {
    const t = performance.now();
    lagSamples.push(Math.max(0, t - last - 10));
    last = t;
  }, 10);
}
function stopLagProbe() {
  if (lagTimer) clearInterval(lagTimer);
  lagTimer = null;
  const out = lagSamples;
  lagSamples = [];
  return out;
}

process.on('message', (msg) => {
  switch (msg.op) {
    case 'connect':
      connectAll(msg);
      break;
    case 'acks':
      acks(msg);
      break;
    case 'arm':
      armed = { round: msg.round, prefix: msg.prefix, uids: new Set(msg.uids.map(String)) };
      startLagProbe();
      send({ op: 'armed', cpu: cpuSecs() });
      break;
    case 'collect':
      collect(msg);
      break;
    case 'close':
      for (const e of entries) e.socket.close();
      setTimeout(() => process.exit(0), 200);
      break;
    default:
      send({ op: 'failed', message: 'unknown op ' + msg.op });
  }
});
// The coordinator has gone (ended or killed): go too.
process.on('disconnect', () => process.exit(0));
