import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now (the OS picks it), for the servers tests and benchmarks start. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}
