import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sign-in for a studio that answers more than this computer (issue 30), in the manner of Jupyter's token:
 * every request needs proof of the token the server printed when it started. A browser proves it once — the
 * start URL carries `?token=…`, exchanged for an HttpOnly, SameSite=Strict cookie (Secure over HTTPS) and a
 * redirect to the same page without the token — and scripts may send `Authorization: Bearer …`. The cookie
 * holds a random sign-in id known only to this server process, so a cookie stolen from an earlier run opens
 * nothing after a restart. Tokens are compared in constant time; wrong tokens slow their client down.
 */
export interface SignIn {
  /** The Fastify onRequest check: undefined when the request may go on, else the reply was sent (401 or 429). */
  check(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
}

/** The sign-in cookie's name (the studio's session cookie is another). */
const SIGN_IN_COOKIE = 'segmenta_auth';

/** A token has at least 128 bits: 32 hexadecimal characters, or as many characters of another alphabet. */
const MIN_TOKEN_LENGTH = 32;

/** A fresh token: 256 random bits as 64 hexadecimal characters. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** Refuses a token too short to be a secret (fewer than 32 characters) or holding characters a URL would mangle. */
export function tokenProblem(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) return `it has ${token.length} characters; a token needs at least ${MIN_TOKEN_LENGTH} (128 bits as hexadecimal)`;
  if (!/^[A-Za-z0-9._~-]+$/.test(token)) return 'it holds characters other than letters, digits and . _ ~ -';
  return null;
}

/** How failed attempts slow a client: after the n-th wrong token it must wait 2^(n − 1) × 250 ms (at most 30 s). */
const PACE = { firstMs: 250, maxMs: 30_000 };

/**
 * The sign-in check for `token`. `secure`: cookies are marked Secure (HTTPS). Failed attempts are counted per
 * client address; a client that tries again before its wait is over gets 429 with the seconds to wait, and
 * every wrong token gets 401 — never a hint of whether it was close. O(1) per request.
 */
export function signIn(token: string, secure: boolean, now: () => number = Date.now): SignIn {
  const expected = digest(token);
  // Ids of signed-in browsers: random per sign-in, valid until this process ends.
  const signedIn = new Set<string>();
  const failures = new Map<string, { count: number; until: number }>();
  const matches = (given: string): boolean => timingSafeEqual(digest(given), expected);
  const cookieFlags = `HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;

  const refuse = (req: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply => {
    const api = req.url.startsWith('/api/');
    reply.code(status).header('cache-control', 'no-store');
    return api
      ? reply.type('application/json').send({ error: message })
      : reply
          .type('text/html; charset=utf-8')
          .send(`<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Segmenta: sign in</title><p>${message}</p></html>`);
  };

  return {
    async check(req, reply) {
      const cookie = parseCookie(req.headers.cookie, SIGN_IN_COOKIE);
      if (cookie !== undefined && signedIn.has(cookie)) return undefined;
      const url = new URL(req.url, 'http://studio');
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const given = bearer ?? url.searchParams.get('token') ?? undefined;
      if (given === undefined)
        return refuse(
          req,
          reply,
          401,
          'Sign in: open the address with ?token=… that segmenta serve printed when it started (or send Authorization: Bearer TOKEN).',
        );
      const client = req.ip;
      const wait = failures.get(client);
      if (wait && now() < wait.until) {
        reply.header('retry-after', String(Math.ceil((wait.until - now()) / 1000)));
        return refuse(req, reply, 429, `Too many wrong tokens from this address; wait ${Math.ceil((wait.until - now()) / 1000)} s and try again.`);
      }
      if (!matches(given)) {
        // Bounded memory under a flood of addresses: forget the clients whose wait is long over.
        if (failures.size > 10_000) for (const [c, f] of failures) if (f.until + PACE.maxMs < now()) failures.delete(c);
        const count = (wait?.count ?? 0) + 1;
        failures.set(client, { count, until: now() + Math.min(PACE.maxMs, PACE.firstMs * 2 ** (count - 1)) });
        return refuse(req, reply, 401, 'That token is not this studio’s; open the address segmenta serve printed when it started.');
      }
      failures.delete(client);
      if (bearer !== undefined) return undefined;
      // A browser: the token becomes a cookie, and the address loses the token (history, screenshots, referrers).
      const id = randomBytes(32).toString('hex');
      signedIn.add(id);
      url.searchParams.delete('token');
      reply.header('set-cookie', `${SIGN_IN_COOKIE}=${id}; ${cookieFlags}`);
      return reply.code(303).header('cache-control', 'no-store').header('location', `${url.pathname}${url.search}`).send();
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** One cookie's value from a Cookie header, or undefined. */
function parseCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
