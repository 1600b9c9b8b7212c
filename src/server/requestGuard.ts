import type { IncomingHttpHeaders } from 'node:http';

/**
 * Headers sent with every answer of the studio: a strict Content-Security-Policy (scripts and styles only
 * from the studio itself, no framing, no plugins, no form posts elsewhere), no MIME sniffing, no referrer.
 * Style attributes stay allowed for the chart renderer's inline SVG styles; scripts never inline, never eval.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Decides whether a request may be served: its Host must be one the studio is reached by (the bound
 * address, localhost, 127.0.0.1, [::1], and hosts allowed by flag) on the port it listens on — so a web
 * page that rebinds its own DNS name to 127.0.0.1 is refused — and an Origin header, when present, must
 * be the same host and port over http. Returns the reason for a refusal, or undefined. O(allowed hosts).
 */
export function refuseRequest(headers: IncomingHttpHeaders, port: number | undefined, allowedHosts: readonly string[]): string | undefined {
  const host = headers.host;
  if (!host) return 'no Host header';
  if (!hostAllowed(host, port, allowedHosts)) return `the Host ${host} is not this studio's address`;
  const origin = headers.origin;
  if (origin !== undefined) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return `the Origin ${origin} is not a URL`;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !hostAllowed(url.host, port, allowedHosts, url.protocol === 'https:' ? 443 : 80))
      return `requests from ${origin} are not allowed`;
  }
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site') return 'cross-site requests are not allowed';
  return undefined;
}

/** The host names the studio answers to by default, besides the address it is bound to. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

function hostAllowed(hostPort: string, port: number | undefined, allowed: readonly string[], defaultPort = 80): boolean {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(hostPort.toLowerCase());
  if (!m) return false;
  const name = m[1]!;
  const p = m[2] === undefined ? defaultPort : Number(m[2]);
  return allowed.includes(name) && (port === undefined || p === port);
}
