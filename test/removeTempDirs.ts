import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers.js';

// A setup file: its `afterAll` is registered before the test file's own, so it runs after them (vitest runs
// "after" hooks in reverse order), once the file's servers and browsers are closed.
afterAll(removeTempDirs);
