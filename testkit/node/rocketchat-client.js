'use strict';
// A Rocket.Chat REST client as an integrator writes one, with Node's own fetch: it signs in with the
// administrator's email, creates a user and a channel with that user in it, posts to the channel, and reads
// users.info with the rooms and their unread counts, before and after the user reads the channel.
//
//   node rocketchat-client.js <base URL> <administrator email> <administrator password> <new username>
//
// Prints one JSON line per call: {step, status, contentType, body}. It stops at the first call that fails.
const [base, adminEmail, adminPassword, username] = process.argv.slice(2);

async function call(step, method, path, { as, body } = {}) {
  const headers = {};
  if (as) {
    headers['X-User-Id'] = as.userId;
    headers['X-Auth-Token'] = as.authToken;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(base + '/api/v1/' + path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    parsed = text;
  }
  console.log(JSON.stringify({ step, status: response.status, contentType: response.headers.get('content-type'),
    body: parsed }));
  if (response.status !== 200 || parsed.success === false) {
    process.exit(1);
  }
  return parsed;
}

async function login(step, user, password) {
  const { data } = await call(step, 'POST', 'login', { body: { user, password } });
  return { userId: data.userId, authToken: data.authToken };
}

(async () => {
  const admin = await login('admin login', adminEmail, adminPassword);
  const password = 'walkthrough-password-1';
  const { user } = await call('users.create', 'POST', 'users.create', { as: admin, body: {
    email: username + '@example.com', name: 'Walk Through', password, username } });
  const member = await login('user login', username, password);
  const { channel } = await call('channels.create', 'POST', 'channels.create', { as: admin, body: {
    name: username + '-general', members: [username] } });
  await call('chat.postMessage', 'POST', 'chat.postMessage', { as: admin, body: {
    roomId: channel._id, text: 'Welcome, ' + username + '!' } });
  await call('users.info unread', 'GET', 'users.info?userId=' + user._id + '&includeUserRooms=true',
    { as: member });
  await call('subscriptions.read', 'POST', 'subscriptions.read', { as: member, body: { rid: channel._id } });
  await call('users.info read', 'GET', 'users.info?userId=' + user._id + '&includeUserRooms=true',
    { as: member });
  await call('users.info by admin', 'GET', 'users.info?username=' + username + '&includeUserRooms=true',
    { as: admin });
  await call('logout', 'POST', 'logout', { as: member });
})().catch((e) => {
  console.log(JSON.stringify({ step: 'crash', status: 0, body: String(e && e.stack || e) }));
  process.exit(2);
});
