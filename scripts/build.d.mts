// Types of scripts/build.mjs (plain JavaScript, so that npm start needs no compiler to run it).
/** True when `dir` (a checkout, default this one) has no build, or an input changed since the last one. */
export function isStale(dir?: string): boolean;
