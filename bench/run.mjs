// `npm run bench`: every benchmark, one after the other. Never part of `npm test`.
const benches = ['./sbom-npm.mjs', './sbom-jvm.mjs', './sbom-pypi.mjs', './sbom-go-cargo.mjs', './sbom-ruby-php-dotnet.mjs', './audit-append.mjs', './audit-verify.mjs', './advisories.mjs', './policy-evaluate.mjs', './gate.mjs', './report.mjs'];
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  await import(bench);
}
