export { checkLlm } from './check-llm.js';
export { checkRedis } from './check-redis.js';
export { checkStore } from './check-store.js';
export { checkWebhooks } from './check-webhooks.js';
export { describeConfig } from './describe-config.js';
export { doctorExitCode, formatCheck, type CheckResult, type CheckStatus } from './doctor-check.js';
export { maskSecret, maskUrlPassword } from './mask-secret.js';
export { runDoctor, type DoctorDeps } from './run-doctor.js';
