// The runtime's units under Node's own test runner: scoring and attempts
// against the shared vectors. tests/test_runtime_node.py runs this file with
// QUIZGEN_CASES naming a JSON file of the vectors turned into runtime data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const units = fileURLToPath(new URL("../../quizgen/assets/runtime/", import.meta.url));
const context = vm.createContext({ window: {} });
const kinds = readdirSync(join(units, "kinds")).filter((name) => name.endsWith(".js")).map((name) => join("kinds", name));
for (const unit of ["core.js", "options.js", ...kinds, "attempt.js", "store.js", "page.js"]) {
  vm.runInContext(readFileSync(join(units, unit), "utf8"), context, { filename: unit });
}
const Q = context.QuizGen;
// the interface's words, as the build gives them to each script (quizgen/runtime.py)
Q.say(JSON.parse(readFileSync(fileURLToPath(new URL("../../quizgen/locales/en.json", import.meta.url)), "utf8")));
const cases = JSON.parse(readFileSync(process.env.QUIZGEN_CASES, "utf8"));

const close = (got, want, what) => assert.ok(Math.abs(got - want) < 1e-9, `${what}: ${got} != ${want}`);

test("every kind of the registry has a unit", () => {
  assert.deepEqual(Object.keys(Q.kinds).sort(), [...cases.kinds].sort());
});

for (const item of cases.scoring) {
  test(`scoring: ${item.name}`, () => {
    const got = Q.scoreQuiz(item.data, item.responses, item.shown, item.hints);
    const want = item.expected;
    for (const [id, expected] of Object.entries(want.questions)) {
      close(got.questions[id].score, expected.score, id);
      assert.equal(got.questions[id].max, expected.max, id);
      assert.equal(got.questions[id].state, expected.state, id);
    }
    close(got.total, want.total, "total");
    assert.equal(got.max, want.max);
    assert.equal(got.shownPercent, want.shown_percent);
    assert.equal(got.passed, want.passed);
    assert.equal(got.message, want.message);
  });
}

for (const item of cases.attempts) {
  test(`attempt: ${item.name}`, () => {
    assert.deepEqual(JSON.parse(JSON.stringify(Q.plan(item.data, item.seed))), item.expected);
  });
}

test("the generator and the hash", () => {
  for (const item of cases.generator.mulberry32) {
    const random = Q.mulberry32(item.seed);
    assert.deepEqual(item.first.map(() => random()), item.first);
  }
  for (const [text, value] of Object.entries(cases.generator.fnv1a)) assert.equal(Q.fnv1a(text), value);
});
