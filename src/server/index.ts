/** `segmenta/server`: the dashboard's HTTP server (Fastify), for embedding (named re-exports only). */
export { createServer, type ServerOptions } from './createServer.js';
