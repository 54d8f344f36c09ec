// @llm-basics/db: the only door to the database. The app gets typed functions, not tables.
export {
  createGuest,
  DEFAULT_SESSION_POLICY,
  existingLearnerIds,
  findUserByEmail,
  GUEST_JOIN_WINDOW_MS,
  type Locale,
  makeInstructor,
  type NewGuest,
  normalizeDisplayName,
  normalizeEmail,
  type Role,
  removeIdleGuests,
  type SessionPolicy,
  type SignedIn,
  type SignUpProblem,
  sessionUser,
  signIn,
  signOut,
  signUp,
  type UserView,
  visitorSeedKey,
} from "./accounts.ts";
export { type Provider, providerOf } from "./adapter.ts";
export type { AttemptInput, RecordedAttempt } from "./attempt-outcome.ts";
export { recordAttempt, recordAttemptForSeed, recordAttemptOnCurrent } from "./attempts.ts";
export { type Database, openDatabase } from "./client.ts";
export { migrateDatabase } from "./migrate.ts";
export {
  PASSWORD_MAX,
  PASSWORD_MIN,
  type PasswordContext,
  type PasswordProblem,
  passwordProblem,
} from "./passwords.ts";
export {
  countAttempts,
  type ExerciseMisconception,
  type LearnerProgress,
  learnerProgress,
  misconceptionsByExercise,
  visitLesson,
} from "./progress.ts";
export {
  closeSharedRateLimits,
  RATE_LIMIT_TABLE,
  type SharedLimitDecision,
  type SharedRateLimiter,
  sharedRateLimiter,
} from "./rate-limits.ts";
export { type ExerciseStats, exerciseStats } from "./stats.ts";
export {
  type ApiTokenView,
  authenticateApiToken,
  createApiToken,
  LIVE_TOKEN_MS,
  listApiTokens,
  revokeApiToken,
} from "./tokens.ts";
export { currentVariants, drawVariant, type VariantView, variantForSeed } from "./variants.ts";
