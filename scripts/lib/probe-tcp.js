// Exits 0 when something accepts TCP connections at host:port within two seconds, 1 otherwise.
const net = require('node:net');

const [host, port] = process.argv.slice(2);
const socket = net.connect({ host, port: Number(port), timeout: 2000 });
socket.on('connect', () => {
  socket.end();
  process.exit(0);
});
socket.on('timeout', () => process.exit(1));
socket.on('error', () => process.exit(1));
