#!/usr/bin/env node
import { runWorkerProcess } from './run-worker-process.js';

// The `poll` queue's worker process; `paperbrief worker --queues poll` runs the same.
await runWorkerProcess(['poll']);
