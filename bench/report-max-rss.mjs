// Preloaded (`node --import`) into a child whose peak memory a scenario measures: on exit, writes
// the process's peak resident set size, in kilobytes, to PAPERBRIEF_MAX_RSS_FILE.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.PAPERBRIEF_MAX_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
