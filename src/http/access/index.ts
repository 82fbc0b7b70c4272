export {
  createAccessControl,
  credentialFromHeader,
  type AccessControl,
  type AccessOptions,
  type Caller,
} from './access-control.js';
export { registerRateLimit, type RateLimitOptions } from './register-rate-limit.js';
export { registerAccess, requireScope, WWW_AUTHENTICATE } from './require-scope.js';
export { ALL_SCOPES, hasScope, ScopeSchema, type Scope } from './scope.js';
export {
  loadTokenFile,
  MIN_API_TOKEN_LENGTH,
  TokenEntrySchema,
  TokenFileSchema,
  type TokenEntry,
  type TokenFile,
} from './token-file.js';
