'use strict';
// Drives real socket.io-client sockets (2.5.0 as "v":2, 4.x as "v":4) from JSON lines on stdin and reports
// what they see as JSON lines on stdout. Commands:
//   {"op":"connect","sock":"a","v":4,"url":"http://127.0.0.1:PORT","query":{...},"auth":{...},"opts":{...}}
//   {"op":"connectMany","prefix":"s","count":1000,"v":2,"url":...,"query":{...},"parallel":50}  s0..s999
//   {"op":"emit","sock":"a","event":"x","args":[...],"ack":true,"req":7}
//   {"op":"close","sock":"a"}        {"op":"closeAll"}        {"op":"ping","req":1}
// Reports (every line has "type" and, where it concerns a socket, "sock"):
//   connect {id}, connect_error {message, data}, error {data} (2.x's connect refusals), disconnect {reason},
//   event {event, args}, ack {req, args}, pong {req}, connected {prefix, count} after connectMany,
//   failed {op, message} when a command cannot be carried out.
// Clients use path "/socket", websocket only, no upgrade, forceNew, no reconnection, unless "opts" says otherwise.

const readline = require('readline');
const clients = { 2: require('sio2'), 4: require('sio4') };
const sockets = new Map();

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function options(cmd) {
  const opts = Object.assign({
    path: '/socket',
    transports: ['websocket'],
    upgrade: false,
    forceNew: true,
    reconnection: false,
    timeout: 10000,
  }, cmd.opts || {});
  if (cmd.query) opts.query = cmd.query;
  if (cmd.auth && cmd.v === 4) opts.auth = cmd.auth;
  return opts;
}

function connect(name, cmd, onConnect) {
  const io = clients[cmd.v];
  if (!io) throw new Error('unknown client version ' + cmd.v + ' (use 2 or 4)');
  if (sockets.has(name)) throw new Error('socket ' + name + ' exists');
  const url = cmd.url + (cmd.nsp || '');
  const socket = io(url, options(cmd));
  sockets.set(name, socket);
  socket.on('connect', () => {
    if (onConnect) onConnect(); else out({ type: 'connect', sock: name, id: socket.id });
  });
  socket.on('connect_error', (err) => {
    out({ type: 'connect_error', sock: name, message: err && err.message !== undefined ? err.message : String(err),
      data: err && err.data !== undefined ? err.data : null });
  });
  // socket.io-client 2.x reports a refused namespace or a middleware error as an 'error' event.
  if (cmd.v === 2) {
    socket.on('error', (data) => out({ type: 'error', sock: name, data: data instanceof Error ? data.message : data }));
  }
  socket.on('disconnect', (reason) => out({ type: 'disconnect', sock: name, reason }));
  const onEvent = (event, args) => out({ type: 'event', sock: name, event, args });
  if (cmd.v === 4) {
    socket.onAny((event, ...args) => onEvent(event, args));
  } else {
    // 2.x has no onAny: hook the packet handler, which sees every event before the listeners do.
    const onevent = socket.onevent;
    socket.onevent = function (packet) {
      const args = (packet.data || []).slice();
      const event = args.shift();
      onEvent(event, args.filter((a) => typeof a !== 'function'));
      return onevent.call(this, packet);
    };
  }
}

function handle(cmd) {
  switch (cmd.op) {
    case 'connect':
      connect(cmd.sock, cmd);
      break;
    case 'connectMany': {
      // At most "parallel" handshakes in flight (default 50), so that a loaded machine is not asked for
      // thousands of simultaneous handshakes and no client times out waiting in line.
      const parallel = cmd.parallel || 50;
      let next = 0;
      let settled = 0;
      let failed = 0;
      const start = () => {
        if (next >= cmd.count) return;
        const name = cmd.prefix + next++;
        let done = false;
        const settle = (ok) => {
          if (done) return;
          done = true;
          if (!ok) failed++;
          if (++settled === cmd.count) out({ type: 'connected', prefix: cmd.prefix, count: cmd.count, failed });
          else start();
        };
        connect(name, cmd, () => settle(true));
        sockets.get(name).on('connect_error', () => settle(false));
        if (cmd.v === 2) sockets.get(name).on('error', () => settle(false));
      };
      for (let i = 0; i < Math.min(parallel, cmd.count); i++) start();
      break;
    }
    case 'emit': {
      const socket = sockets.get(cmd.sock);
      if (!socket) throw new Error('no socket ' + cmd.sock);
      const args = [cmd.event].concat(cmd.args || []);
      if (cmd.ack) {
        args.push((...ackArgs) => out({ type: 'ack', sock: cmd.sock, req: cmd.req, args: ackArgs }));
      }
      socket.emit.apply(socket, args);
      break;
    }
    case 'close': {
      const socket = sockets.get(cmd.sock);
      if (!socket) throw new Error('no socket ' + cmd.sock);
      socket.close();
      break;
    }
    case 'closeAll':
      for (const socket of sockets.values()) socket.close();
      break;
    case 'ping':
      out({ type: 'pong', req: cmd.req });
      break;
    default:
      throw new Error('unknown op ' + cmd.op);
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  let cmd;
  try {
    cmd = JSON.parse(line);
    handle(cmd);
  } catch (e) {
    out({ type: 'failed', op: cmd ? cmd.op : null, sock: cmd ? cmd.sock : null, message: e.message });
  }
}).on('close', () => process.exit(0));
