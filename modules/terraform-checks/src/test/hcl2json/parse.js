// Parses Terraform files with HashiCorp's HCL parser (WASM build in @cdktn/hcl2json).
// usage: node parse.js FILE...   prints {"<file>": <parsed JSON>, ...} on stdout and exits 0, or
// prints one line per file that does not parse on stderr and exits 1.
const fs = require("fs");
const { parse } = require("@cdktn/hcl2json");

(async () => {
  const parsed = {};
  const errors = [];
  for (const file of process.argv.slice(2)) {
    try {
      parsed[file] = await parse(file, fs.readFileSync(file, "utf8"));
    } catch (e) {
      errors.push(String(e.message || e).replace(/\s+/g, " "));
    }
  }
  if (errors.length > 0) {
    process.stderr.write(errors.join("\n") + "\n");
    process.exitCode = 1;
  } else {
    process.stdout.write(JSON.stringify(parsed));
  }
})();
