import type { JobAnswer, JobRequest } from '../src/server/api.js';
import { pollJob, postJson } from './apiClient.js';
import { $, showError } from './dom.js';
import { setupSettled } from './setupView.js';

/**
 * Starts the k sweep (no k) or a run at k, once the last setup change has been answered, and follows its
 * progress bar until it is done.
 */
export async function runJob(k?: number): Promise<JobAnswer> {
  await setupSettled();
  showError(null);
  const request: JobRequest = k === undefined ? {} : { k };
  await postJson('/api/jobs', request);
  return pollJob<JobAnswer>('/api/jobs/current', (job) => {
    const progress = $<HTMLProgressElement>('progress');
    progress.max = job.total;
    progress.value = job.done;
    $('progress-text').textContent = job.status === 'running' ? `${job.stage}: ${job.done} of ${job.total}` : job.status === 'done' ? 'done' : '';
  });
}
