import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SessionStore } from '../../src/server/sessions.js';
import { tempDir } from '../helpers.js';

it('SessionStore gives each session a private folder and deletes it when the session expires', () => {
  const root = join(tempDir(), 'sessions');
  const store = new SessionStore(root, 1000);
  const a = store.create(),
    b = store.create();
  expect(a.id).not.toBe(b.id);
  expect(a.id.length).toBeGreaterThanOrEqual(32);
  writeFileSync(join(a.dir, 'upload.csv'), 'x\n1\n');
  expect(store.get(a.id)).toBe(a);
  expect(store.get('forged')).toBeUndefined();
  b.lastSeen = Date.now() + 10_000;
  expect(store.expire(Date.now() + 5000)).toBe(1);
  expect(existsSync(a.dir)).toBe(false);
  expect(store.get(a.id)).toBeUndefined();
  expect(store.size).toBe(1);
  store.close();
  expect(existsSync(root)).toBe(false);
});
