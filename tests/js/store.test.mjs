// The browser store's format (version 2), its migration from version 1, its
// handling of corrupt or refused storage, and the compact summary an LMS keeps.
// Each test loads core.js and store.js into a fresh vm context with its own
// fake window.localStorage. tests/test_store_node.py runs this file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const units = fileURLToPath(new URL("../../quizgen/assets/runtime/", import.meta.url));
const fixtures = fileURLToPath(new URL("../fixtures/storage/", import.meta.url));
const source = (unit) => readFileSync(join(units, unit), "utf8");
const fixture = (name) => readFileSync(join(fixtures, name), "utf8");
const plain = (value) => JSON.parse(JSON.stringify(value)); // across vm realms, and as stored
const EMPTY = { version: 2, name: "", quizzes: {} };
const KEY = "quizgen:course";
const ENGLISH = JSON.parse(readFileSync(fileURLToPath(new URL("../../quizgen/locales/en.json", import.meta.url)), "utf8"));

// A Storage-like object in memory; `refuse` makes setItem throw as a full browser storage does.
class MemoryStorage {
  constructor(items = {}, refuse = false) {
    this.items = new Map(Object.entries(items));
    this.refuse = refuse;
    this.writes = 0;
  }
  get length() { return this.items.size; }
  key(index) { return [...this.items.keys()][index] ?? null; }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) {
    if (this.refuse) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    this.writes += 1;
    this.items.set(key, String(value));
  }
  removeItem(key) { this.items.delete(key); }
  clear() { this.items.clear(); }
}

// What was set aside: every copy, under the key + ".set-aside." + the date, oldest first.
const setAside = (storage) => [...storage.items.keys()].filter((key) => key.startsWith(KEY + ".set-aside.")).sort()
  .map((key) => storage.getItem(key));

// Fresh units for each test: the store keeps its cache, memory and listeners in its closure.
function load({ storage = new MemoryStorage(), window = {}, views = false, course } = {}) {
  if (!("localStorage" in window)) window.localStorage = storage;
  const context = vm.createContext({ window, URL });
  for (const unit of ["core.js", "store.js"]) vm.runInContext(source(unit), context, { filename: unit });
  const Q = context.QuizGen;
  Q.say(ENGLISH); // the interface's words, as the build gives them to the script
  if (course) Q.course = course;
  if (views) {
    const element = () => ({ style: {} });
    context.document = {
      createElement: element,
      currentScript: { src: "https://example.org/course/assets/quizgen/quizgen-lms.0123abcd.js", getAttribute: () => "scorm12" },
      head: { appendChild() {} },
      addEventListener() {},
      getElementById: () => null,
    };
    context.console = console;
    Q.views = () => {}; // progress.js's: nothing to draw without a page
    window.QuizGen = Q; // in a browser the global object is the window
    // the compact summary is the LMS bridge's (lms.js); with no LMS around, it defines it and stops
    vm.runInContext(source("lms.js"), context, { filename: "lms.js" });
  }
  return { Q, store: Q.store, storage, window };
}

function result(score, passed, at, seed = 1) {
  return { seed, questions: ["a", "b"], answers: { a: 0, b: [1] }, hints: {}, score, passed, at };
}

/* ---- migration ---- */

test("there is a fixture for every version up to the current one, and each becomes the current one", () => {
  const names = readdirSync(fixtures).filter((name) => name.endsWith(".json")).sort();
  assert.deepEqual(names, ["v1.json", "v2.json"]);
  const { Q } = load();
  for (const name of names) {
    const got = Q.migrate(fixture(name));
    assert.equal(got.problem, "", name);
    assert.equal(got.newer, undefined, name);
    assert.equal(got.data.version, 2, name);
    // migrating what was migrated changes nothing
    assert.deepEqual(plain(Q.migrate(JSON.stringify(got.data)).data), plain(got.data), name);
  }
});

test("version 1 becomes version 2, each quiz's attempt under way kept, with no tries and no history", () => {
  const { Q } = load();
  const old = JSON.parse(fixture("v1.json"));
  const got = plain(Q.migrate(fixture("v1.json")));
  assert.equal(got.problem, "");
  assert.equal(got.data.version, 2);
  assert.equal(got.data.name, "");
  assert.deepEqual(Object.keys(got.data.quizzes).sort(), Object.keys(old.attempts).sort());
  for (const [id, attempt] of Object.entries(old.attempts)) {
    const quiz = got.data.quizzes[id];
    assert.deepEqual(
      { tries: quiz.tries, best: quiz.best, passed: quiz.passed, last: quiz.last, history: quiz.history },
      { tries: 0, best: null, passed: null, last: null, history: [] },
      id,
    );
    assert.deepEqual(quiz.current, { ...attempt, recorded: false }, id);
  }
  // answers of every shape are kept as they were: numbers, lists, booleans, text (spaces and all), null
  assert.deepEqual(
    got.data.quizzes["phone-skills/taking-messages"].current.answers,
    old.attempts["phone-skills/taking-messages"].answers,
  );
  assert.deepEqual(got.data.quizzes["phone-skills/taking-messages"].current.hints, { "who-called": 1, "steps-in-order": 2 });
});

test("version 1 attempts of the wrong shape are dropped, the others kept", () => {
  const { Q } = load();
  const got = plain(Q.migrate(JSON.stringify({
    attempts: {
      good: { seed: 5, answers: { q: 1 }, hints: { q: 1, r: 0.5 }, checked: "yes", submitted: 1 },
      "no-seed": { answers: {} },
      "negative-seed": { seed: -1 },
      "big-seed": { seed: 4294967296 },
      text: "an attempt",
      list: [1, 2],
    },
  })));
  assert.equal(got.problem, "");
  assert.deepEqual(Object.keys(got.data.quizzes), ["good"]);
  assert.deepEqual(got.data.quizzes.good.current,
    { seed: 5, answers: { q: 1 }, hints: { q: 1 }, checked: false, submitted: false, recorded: false });
});

test("version 2 round-trips unchanged", () => {
  const { Q } = load();
  const got = Q.migrate(fixture("v2.json"));
  assert.equal(got.problem, "");
  assert.deepEqual(plain(got.data), JSON.parse(fixture("v2.json")));
});

const UNREADABLE = [
  ["not JSON", "{version: 2"],
  ["empty text", ""],
  ["null", "null"],
  ["a list", "[]"],
  ["a string", '"text"'],
  ["a number", "2"],
  ["an empty object", "{}"],
  ["a version that is text", '{"version": "2", "quizzes": {}}'],
  ["version 0", '{"version": 0, "quizzes": {}}'],
  ["version 1 written out", '{"version": 1, "attempts": {}}'],
  ["attempts that are a list", '{"attempts": []}'],
];

test("unreadable values give empty progress and a problem, not an error", () => {
  const { Q } = load();
  for (const [what, text] of UNREADABLE) {
    const got = plain(Q.migrate(text));
    assert.deepEqual(got.data, EMPTY, what);
    assert.equal(got.problem, "views.store_unreadable", what);
    assert.equal(got.newer, undefined, what);
  }
});

test("a future version is set aside as newer, not as damaged", () => {
  const { Q } = load();
  for (const text of ['{"version": 3}', '{"version": 3, "quizzes": {"a": {"tries": 1}}}', '{"version": 2.5}']) {
    const got = plain(Q.migrate(text));
    assert.deepEqual(got.data, EMPTY, text);
    assert.equal(got.newer, true, text);
    assert.equal(got.problem, "views.store_newer", text); // a message key: each page says it in its language
  }
});

test("parts of the wrong shape inside version 2 are dropped and the good parts kept", () => {
  const { Q } = load();
  const value = JSON.parse(fixture("v2.json"));
  const good = value.quizzes["phone-skills/taking-messages"];
  const entry = good.history[1];
  value.name = 42;
  value.quizzes["bad-seed"] = { ...good, current: { ...good.current, seed: 1.5 } };
  value.quizzes["bad-dates"] = { ...good, passed: "yesterday", last: "2024-13-45T00:00:00Z" };
  value.quizzes["local-dates"] = { ...good, passed: "2024-03-04", last: "2024-03-04T09:15:00+01:00" };
  value.quizzes["score-140"] = { ...good, best: 140, history: [{ ...entry, score: 140 }, entry] };
  value.quizzes["half-entries"] = {
    ...good,
    tries: 2,
    history: [
      (({ at, ...rest }) => rest)(entry),
      (({ questions, ...rest }) => rest)(entry),
      (({ passed, ...rest }) => rest)(entry),
      (({ score, ...rest }) => rest)(entry),
      (({ seed, ...rest }) => rest)(entry),
      { ...entry, passed: "yes" },
      { ...entry, questions: [1, 2] },
      null,
      "an attempt",
      entry,
    ],
  };
  value.quizzes["odd-hints"] = {
    ...good,
    current: { ...good.current, hints: { a: 1.5, b: "2", c: -1, d: 3, e: null, f: 100, g: 99 } },
  };
  value.quizzes["string-current"] = { ...good, current: "in progress" };
  value.quizzes["odd-current"] = {
    ...good,
    current: { seed: 3, answers: [1], hints: [], checked: 1, submitted: "true", recorded: false, score: 50,
      questions: "a,b", started: "now" },
  };
  value.quizzes["bad-tries"] = { ...good, tries: -3 };
  value.quizzes["number"] = 12;
  value.quizzes["list"] = [good];
  value.quizzes["no-history"] = { tries: 4, best: 50, passed: null, last: "2024-03-11T16:42:10.512Z", history: "lots" };

  const got = Q.migrate(JSON.stringify(value));
  assert.equal(got.problem, "");
  const data = plain(got.data);
  const want = JSON.parse(fixture("v2.json"));
  assert.equal(data.name, "");
  for (const id of Object.keys(want.quizzes)) assert.deepEqual(data.quizzes[id], want.quizzes[id], id);
  assert.equal(data.quizzes.number, undefined);
  assert.equal(data.quizzes.list, undefined);

  const { current, ...summary } = good;
  assert.deepEqual(data.quizzes["bad-seed"], summary);
  assert.deepEqual(data.quizzes["bad-dates"], { ...good, passed: null, last: null });
  assert.deepEqual(data.quizzes["local-dates"], { ...good, passed: null, last: null });
  assert.deepEqual(data.quizzes["score-140"], { ...good, best: null, history: [entry] });
  // tries never counts fewer attempts than the history holds
  assert.deepEqual(data.quizzes["half-entries"], { ...good, tries: 2, history: [entry] });
  assert.deepEqual(data.quizzes["odd-hints"].current.hints, { d: 3, g: 99 });
  assert.deepEqual(data.quizzes["string-current"], summary);
  assert.deepEqual(data.quizzes["odd-current"].current,
    { seed: 3, answers: {}, hints: {}, checked: false, submitted: false, recorded: false });
  assert.deepEqual(data.quizzes["bad-tries"], { ...good, tries: good.history.length });
  assert.deepEqual(data.quizzes["no-history"],
    { tries: 4, best: 50, passed: null, last: "2024-03-11T16:42:10.512Z", history: [] });
});

test("a stored history longer than 20 keeps the 20 latest; tries is never less than the history kept", () => {
  const { Q } = load();
  const history = Array.from({ length: 25 }, (_, i) =>
    result(i, false, `2024-01-${String(i + 1).padStart(2, "0")}T00:00:00Z`, i));
  const quiz = { tries: 30, best: 24, passed: null, last: history[24].at, history };
  const got = plain(Q.migrate(JSON.stringify({
    version: 2, name: "x".repeat(300), quizzes: { a: quiz, b: { ...quiz, tries: 3 } },
  })));
  assert.equal(got.data.name, "x".repeat(200));
  assert.equal(got.data.quizzes.a.history.length, 20);
  assert.deepEqual(got.data.quizzes.a.history, history.slice(5));
  assert.equal(got.data.quizzes.a.tries, 30);
  assert.equal(got.data.quizzes.b.tries, 20);
});

/* ---- the store ---- */

test("the key is made from the course's key", () => {
  assert.equal(load().store.key(), KEY);
  assert.equal(load({ course: { key: "a-short-course" } }).store.key(), "quizgen:a-short-course");
});

test("with nothing stored the progress is empty, and reading writes nothing", () => {
  const { store, storage } = load();
  assert.deepEqual(plain(store.read()), EMPTY);
  assert.equal(store.quiz("a"), null);
  assert.equal(store.current("a"), null);
  assert.equal(storage.writes, 0);
  assert.equal(store.notice, "");
  assert.equal(store.keeping, true);
});

test("record updates tries, best, passed (the first pass kept) and last, and caps the history at 20", () => {
  const { store, storage } = load();
  store.record("a", result(40, false, "2024-03-01T10:00:00.000Z"));
  assert.deepEqual(plain(store.quiz("a")), {
    tries: 1, best: 40, passed: null, last: "2024-03-01T10:00:00.000Z",
    history: [result(40, false, "2024-03-01T10:00:00.000Z")],
  });
  store.record("a", result(80, true, "2024-03-02T10:00:00.000Z"));
  store.record("a", result(70, true, "2024-03-03T10:00:00.000Z"));
  store.record("a", result(10, false, "2024-03-04T10:00:00.000Z"));
  let quiz = plain(store.quiz("a"));
  assert.equal(quiz.tries, 4);
  assert.equal(quiz.best, 80);
  assert.equal(quiz.passed, "2024-03-02T10:00:00.000Z");
  assert.equal(quiz.last, "2024-03-04T10:00:00.000Z");
  assert.equal(quiz.history.length, 4);
  for (let i = 0; i < 21; i++) store.record("a", result(50, i % 2 === 0, `2024-04-${String(i + 1).padStart(2, "0")}T08:00:00Z`, i));
  quiz = plain(store.quiz("a"));
  assert.equal(quiz.tries, 25);
  assert.equal(quiz.history.length, 20);
  assert.equal(quiz.history[19].at, "2024-04-21T08:00:00Z");
  assert.equal(quiz.history[0].at, "2024-04-02T08:00:00Z");
  assert.equal(quiz.passed, "2024-03-02T10:00:00.000Z");
  assert.equal(quiz.best, 80);
  assert.equal(quiz.last, "2024-04-21T08:00:00Z");
  // what is stored is version 2, and reads back as the same
  const stored = JSON.parse(storage.getItem(KEY));
  assert.equal(stored.version, 2);
  assert.deepEqual(stored, plain(store.read()));
  assert.equal(load({ storage }).store.quiz("a").tries, 25);
  // other quizzes are untouched
  store.record("b", result(100, true, "2024-05-01T00:00:00Z"));
  assert.equal(store.quiz("a").tries, 25);
  assert.equal(store.quiz("b").tries, 1);
});

test("saveCurrent stores the attempt under way, and current gives a copy", () => {
  const { store, storage } = load();
  const attempt = { seed: 9, answers: { a: 1, b: "text" }, hints: { a: 1 }, checked: false, submitted: false,
    recorded: false, questions: ["b", "a"], started: "2024-03-01T10:00:00.000Z" };
  store.saveCurrent("a", attempt);
  assert.deepEqual(plain(store.current("a")), attempt);
  assert.deepEqual(JSON.parse(storage.getItem(KEY)).quizzes.a,
    { tries: 0, best: null, passed: null, last: null, history: [], current: attempt });
  const copy = store.current("a");
  copy.answers.a = 2;
  assert.equal(store.current("a").answers.a, 1);
  // the same attempt again writes nothing
  const writes = storage.writes;
  store.saveCurrent("a", plain(attempt));
  assert.equal(storage.writes, writes);
  // a later record keeps the attempt under way
  store.record("a", result(50, false, "2024-03-01T10:05:00.000Z"));
  assert.deepEqual(plain(store.current("a")), attempt);
  assert.equal(load({ storage }).store.current("a").seed, 9);
});

test("setName keeps at most 200 characters", () => {
  const { store } = load();
  store.setName("Grace Hopper");
  assert.equal(store.read().name, "Grace Hopper");
  store.setName("y".repeat(250));
  assert.equal(store.read().name.length, 200);
});

test("a corrupt stored value is set aside under the key + .set-aside. + the date, with a notice", () => {
  const text = '{"version": 2, "quizzes": {"a": ';
  const storage = new MemoryStorage({ [KEY]: text });
  const { store } = load({ storage });
  assert.match(store.message(), /could not be read/);
  // the notice waits in the stored data until a page has shown it
  assert.deepEqual(plain(store.read()), { ...EMPTY, notice: "views.store_unreadable" });
  assert.deepEqual(setAside(storage), [text]);
  assert.deepEqual(JSON.parse(storage.getItem(KEY)), { ...EMPTY, notice: "views.store_unreadable" });
  store.seen();
  assert.deepEqual(JSON.parse(storage.getItem(KEY)), EMPTY);
  assert.match(store.message(), /could not be read/); // still shown on this page
  assert.equal(load({ storage }).store.message(), ""); // not on the next
  assert.equal(store.keeping, true);
  store.record("a", result(90, true, "2024-03-01T10:00:00.000Z"));
  assert.equal(JSON.parse(storage.getItem(KEY)).quizzes.a.tries, 1);
  assert.deepEqual(setAside(storage), [text]);
});

test("a second problem sets aside a second copy: none is overwritten", async () => {
  const storage = new MemoryStorage({ [KEY]: "first" });
  load({ storage }).store.read();
  await new Promise((done) => setTimeout(done, 5)); // another moment, another key
  storage.setItem(KEY, "second");
  load({ storage }).store.read();
  assert.deepEqual(setAside(storage), ["first", "second"]);
});

test("progress from a newer version is left as it is: this page keeps nothing, and says so", () => {
  const text = '{"version": 3, "quizzes": {"a": {"tries": 4}}}';
  const storage = new MemoryStorage({ [KEY]: text });
  const { store } = load({ storage });
  assert.match(store.message(), /newer version/);
  assert.equal(store.keeping, false);
  assert.deepEqual(plain(store.read()), EMPTY);
  store.record("a", result(90, true, "2024-03-01T10:00:00.000Z"));
  store.saveCurrent("a", { seed: 3, answers: {}, hints: {}, checked: false, submitted: false, recorded: false });
  assert.equal(store.quiz("a").tries, 1); // in memory
  assert.equal(storage.getItem(KEY), text); // the newer build's progress, untouched
  assert.deepEqual(setAside(storage), []);
});

test("quiz and question ids that name Object.prototype's properties are ordinary ids", () => {
  const storage = new MemoryStorage();
  const { store } = load({ storage });
  assert.equal(store.quiz("constructor"), null);
  assert.equal(store.current("toString"), null);
  store.saveCurrent("constructor", { seed: 5, answers: { constructor: 1 }, hints: {}, checked: false, submitted: false, recorded: false });
  store.record("constructor", result(75, true, "2024-03-01T10:00:00.000Z"));
  assert.equal(store.quiz("constructor").tries, 1);
  assert.equal(store.current("constructor").answers.constructor, 1);
  assert.equal(JSON.parse(storage.getItem(KEY)).quizzes.constructor.best, 75);
});

test("version 1 under its old key moves to the course's key", () => {
  const storage = new MemoryStorage({ "quizgen.v1": fixture("v1.json") });
  const { Q, store } = load({ storage });
  const want = plain(Q.migrate(fixture("v1.json")).data);
  assert.deepEqual(plain(store.read()), want);
  assert.equal(storage.getItem("quizgen.v1"), null);
  assert.deepEqual(JSON.parse(storage.getItem(KEY)), want);
  assert.equal(store.message(), "");
  assert.equal(store.current("phone-skills/holding-a-call").seed, 7);
});

test("a damaged value under the old key is set aside too", () => {
  const storage = new MemoryStorage({ "quizgen.v1": "[1, 2" });
  const { store } = load({ storage });
  assert.match(store.message(), /could not be read/);
  assert.deepEqual(plain(store.read()), { ...EMPTY, notice: "views.store_unreadable" });
  assert.deepEqual(setAside(storage), ["[1, 2"]);
  assert.equal(storage.getItem("quizgen.v1"), null);
});

test("a value changed by another tab is read afresh", () => {
  const storage = new MemoryStorage();
  const { store } = load({ storage });
  store.record("a", result(40, false, "2024-03-01T10:00:00.000Z"));
  const other = load({ storage }).store;
  other.record("a", result(90, true, "2024-03-02T10:00:00.000Z"));
  assert.equal(store.quiz("a").tries, 2);
  assert.equal(store.quiz("a").best, 90);
});

test("storage that refuses to write (full): progress goes on in memory, with a notice", () => {
  const storage = new MemoryStorage({}, true);
  const { store } = load({ storage });
  assert.deepEqual(plain(store.read()), EMPTY);
  store.record("a", result(40, false, "2024-03-01T10:00:00.000Z"));
  assert.equal(store.keeping, false);
  assert.match(store.message(), /not keeping your progress/);
  store.record("a", result(90, true, "2024-03-02T10:00:00.000Z"));
  store.saveCurrent("a", { seed: 3, answers: {}, hints: {}, checked: false, submitted: false, recorded: false });
  store.setName("Ada");
  const quiz = plain(store.quiz("a"));
  assert.equal(quiz.tries, 2);
  assert.equal(quiz.best, 90);
  assert.equal(quiz.passed, "2024-03-02T10:00:00.000Z");
  assert.equal(store.current("a").seed, 3);
  assert.equal(store.read().name, "Ada");
  assert.equal(storage.length, 0);
});

test("storage that cannot be reached at all (its getter throws): progress lives in memory", () => {
  const window = {};
  Object.defineProperty(window, "localStorage", {
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
  });
  const { store } = load({ window });
  assert.deepEqual(plain(store.read()), EMPTY);
  assert.equal(store.keeping, false);
  assert.match(store.message(), /not keeping your progress/);
  const heard = [];
  store.listen((whole) => heard.push(whole));
  store.record("a", result(80, true, "2024-03-01T10:00:00.000Z"));
  store.saveCurrent("a", { seed: 4, answers: { q: 1 }, hints: {}, checked: false, submitted: false, recorded: false });
  assert.equal(store.quiz("a").tries, 1);
  assert.equal(store.current("a").answers.q, 1);
  store.reset();
  assert.deepEqual(plain(store.read()), EMPTY);
  assert.deepEqual(heard, [false, false, true]);
});

test("a corrupt value that cannot be set aside (storage full) is still replaced in memory", () => {
  const storage = new MemoryStorage({ [KEY]: "not json" }, true);
  const { store } = load({ storage });
  assert.deepEqual(plain(store.read()).quizzes, {});
  assert.equal(store.keeping, false);
  assert.match(store.message(), /not keeping your progress/);
  store.record("a", result(80, true, "2024-03-01T10:00:00.000Z"));
  assert.equal(store.quiz("a").tries, 1);
  assert.equal(storage.getItem(KEY), "not json");
});

test("listeners hear whole=false for local updates and true for replace and reset", () => {
  const { store, storage } = load();
  const heard = [];
  store.listen(() => { throw new Error("one view failing"); });
  store.listen((whole) => heard.push(whole));
  store.record("a", result(40, false, "2024-03-01T10:00:00.000Z"));
  store.saveCurrent("a", { seed: 1, answers: {}, hints: {}, checked: false, submitted: false, recorded: false });
  store.setName("Ada");
  assert.deepEqual(heard, [false, false, false]);
  store.replace(JSON.parse(fixture("v2.json")));
  assert.deepEqual(heard, [false, false, false, true]);
  assert.deepEqual(JSON.parse(storage.getItem(KEY)), JSON.parse(fixture("v2.json")));
  store.reset();
  assert.deepEqual(heard, [false, false, false, true, true]);
  assert.deepEqual(JSON.parse(storage.getItem(KEY)), EMPTY);
  assert.deepEqual(plain(store.read()), EMPTY);
});

test("replace keeps only the parts of the right shape", () => {
  const { store } = load();
  store.replace({ version: 2, name: "Ada", quizzes: { a: { tries: 2, best: 140, history: [{}] }, b: "x" } });
  assert.deepEqual(plain(store.read()),
    { version: 2, name: "Ada", quizzes: { a: { tries: 2, best: null, passed: null, last: null, history: [] } } });
});

test("another tab's change to this course's key is heard as a whole change", () => {
  const handlers = [];
  const window = { localStorage: new MemoryStorage(), addEventListener: (type, handler) => handlers.push([type, handler]) };
  const { store } = load({ window });
  assert.deepEqual(handlers.map(([type]) => type), ["storage"]);
  const heard = [];
  store.listen((whole) => heard.push(whole));
  const [, handler] = handlers[0];
  handler({ key: KEY });
  handler({ key: "quizgen:another-course" });
  handler({ key: KEY + ".set-aside" });
  handler({ key: null }); // storage.clear() in another tab
  assert.deepEqual(heard, [true, true]);
});

/* ---- the compact summary (lms.js) ---- */

const day = (iso) => Math.floor(Date.parse(iso) / 864e5);

test("the compact summary of 60 quizzes with 40-character ids fits SCORM 1.2's 4,096 characters", () => {
  const { store } = load({ views: true });
  assert.equal(typeof store.compact, "function");
  const quizzes = {};
  const ids = Array.from({ length: 60 }, (_, i) => `module-${String(i).padStart(2, "0")}/`.padEnd(40, "lesson-name-"));
  for (const id of ids) {
    assert.equal(id.length, 40);
    quizzes[id] = { tries: 999, best: 87.5, passed: "2024-03-04T09:15:00.000Z", last: "2025-12-31T23:59:59.999Z", history: [] };
  }
  store.replace({ version: 2, name: "Ada", quizzes });
  const text = store.compact();
  assert.ok(text.length <= 4096, `${text.length} characters`);
  const parsed = JSON.parse(text);
  assert.deepEqual(Object.keys(parsed).sort(), ["q", "v"]);
  assert.equal(parsed.v, 2);
  assert.deepEqual(Object.keys(parsed.q), ids);
  for (const id of ids) assert.deepEqual(parsed.q[id], [87.5, day("2024-03-04T09:15:00.000Z"), 999, day("2025-12-31T23:59:59.999Z")]);
  assert.equal(day("2024-03-04T09:15:00.000Z"), 19786);
  assert.equal(day("1970-01-02T00:00:00Z"), 1);
});

test("the compact summary: 0 for never, quizzes never tried left out, best rounded to hundredths", () => {
  const { store } = load({ views: true });
  store.record("a", result(100 / 3, false, "2024-03-01T10:00:00.000Z"));
  store.saveCurrent("b", { seed: 1, answers: {}, hints: {}, checked: false, submitted: false, recorded: false });
  store.record("c", result(100, true, "2024-03-04T23:59:59.999Z"));
  assert.deepEqual(JSON.parse(store.compact()), { v: 2, q: { a: [33.33, 0, 1, 19783], c: [100, 19786, 1, 19786] } });
  store.reset();
  assert.equal(store.compact(), '{"v":2,"q":{}}');
});
