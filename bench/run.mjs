// `npm run bench`: every benchmark, one after the other. Never part of `npm test`.
const benches = ['./sbom-npm.mjs', './audit-append.mjs', './audit-verify.mjs', './advisories.mjs', './policy-evaluate.mjs'];
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  await import(bench);
}
