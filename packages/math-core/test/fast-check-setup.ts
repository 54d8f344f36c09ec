import fc from "fast-check";

const seed = Number(process.env.FC_SEED);
if (Number.isSafeInteger(seed)) fc.configureGlobal({ seed, numRuns: 200 });
