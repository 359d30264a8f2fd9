// Parses a GIFT file with the independent npm parser gift-pegjs and prints what it read, as JSON.
// tests/test_exports.py compares that with the banks the file was exported from.
const { readFileSync } = require("node:fs");
const { parse } = require("gift-pegjs");
process.stdout.write(JSON.stringify(parse(readFileSync(process.argv[2], "utf8"))));
