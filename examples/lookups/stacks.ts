/** What this part of the example found. */
export const lookups = {};
