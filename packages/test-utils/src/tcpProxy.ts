import { createServer, Socket, connect } from 'node:net';
import { freePort } from './freePort';

export type TcpProxy = {
  port: number;
  /** `pass`: forward everything; `drop`: accept and close every connection at once. */
  setMode(mode: 'pass' | 'drop'): void;
  /** Forwards every chunk (both ways) this many milliseconds late, on new and open connections; 0 to stop. */
  setDelay(ms: number): void;
  close(): Promise<void>;
};

/**
 * A TCP proxy in front of a real server, for failure tests that must not stop the shared server:
 * connections are forwarded, or accepted and dropped, as the test says.
 */
export async function startTcpProxy(target: {
  host: string;
  port: number;
}): Promise<TcpProxy> {
  let mode: 'pass' | 'drop' = 'pass';
  let delayMs = 0;
  /** Writes from one socket to another, `delayMs` late when a delay is set (order kept per socket). */
  const forward = (from: Socket, to: Socket) => {
    let chain = Promise.resolve();
    from.on('data', chunk => {
      if (delayMs === 0 && !from.isPaused()) {
        chain = chain.then(() => {
          to.write(chunk);
        });
        return;
      }
      const wait = delayMs;
      chain = chain.then(
        () =>
          new Promise<void>(resolve =>
            setTimeout(() => {
              if (!to.destroyed) to.write(chunk);
              resolve();
            }, wait),
          ),
      );
    });
    from.on('end', () => {
      chain = chain.then(() => {
        to.end();
      });
    });
  };
  const sockets = new Set<Socket>();
  const server = createServer(client => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    if (mode === 'drop') {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    forward(client, upstream);
    forward(upstream, client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  const port = await freePort();
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    setDelay(ms) {
      delayMs = ms;
    },
    setMode(next) {
      mode = next;
      if (next === 'drop') for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
