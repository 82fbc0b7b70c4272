#!/usr/bin/env node
import { runWorkerProcess } from './run-worker-process.js';

// The `summarize` queue's worker process; `paperbrief worker --queues summarize` runs the same.
await runWorkerProcess(['summarize']);
