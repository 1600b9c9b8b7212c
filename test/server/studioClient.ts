/** An answer of the studio's API: status, parsed JSON body (when it is JSON) and the raw text. */
export interface StudioAnswer {
  readonly status: number;
  readonly body: any;
  readonly text: string;
}

/** A browser-like client of a studio at `base` (or a function giving it): keeps its own session cookie. */
export function studioClient(base: string | (() => string)) {
  let cookie = '';
  return async (path: string, init: RequestInit = {}): Promise<StudioAnswer> => {
    const res = await fetch(new URL(path, typeof base === 'string' ? base : base()), {
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie },
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, body, text };
  };
}
