#!/usr/bin/env node
import { runWorkerProcess } from './run-worker-process.js';

// The `deliver` queue's worker process; `paperbrief worker --queues deliver` runs the same.
await runWorkerProcess(['deliver']);
