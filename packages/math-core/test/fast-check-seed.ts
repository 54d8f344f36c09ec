// One seed for the whole run, printed so a failing property can be replayed exactly:
// FC_SEED=<seed> pnpm --filter @llm-basics/math-core test
export default function setup(): void {
  const given = process.env.FC_SEED;
  const seed = given === undefined || given === "" ? Date.now() % 2 ** 31 : Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be a whole number, got ${given}`);
  // Test workers start after this and inherit the environment.
  process.env.FC_SEED = String(seed);
  console.log(`fast-check seed ${seed} (replay with FC_SEED=${seed})`);
}
