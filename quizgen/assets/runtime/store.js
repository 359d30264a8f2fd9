/* quizgen runtime, the store: the learner's progress, kept in the browser
 * under one key per course ("quizgen:" + the course's id), in the format
 * PROGRESS.md documents (version 2). Everything read back is untrusted: it
 * is migrated from an older version, or set aside (kept under the key +
 * ".set-aside." + the date) with a notice, and every part of the wrong shape
 * is dropped; a newer version's progress is left alone.
 * Without storage, progress lives in memory for as long as the page does.
 * The page, the progress pages and an LMS bridge all read and write here.
 */
(function (Q) {
  var VERSION = 2;
  var HISTORY = 20; // attempts kept in full per quiz; the summary counts them all
  var memory = null; // the progress when storage is unavailable
  var cache = { text: null, data: null };
  var listeners = [];
  var store = {
    notice: "", // what the learner should be told about their stored progress, if anything
    keeping: true // false: nothing is kept beyond this page
  };

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function isDate(value) { return typeof value === "string" && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value) && !isNaN(Date.parse(value)); }
  function isScore(value) { return typeof value === "number" && isFinite(value) && value >= 0 && value <= 100; }
  function isIds(value) {
    return Array.isArray(value) && value.every(function (id) { return typeof id === "string"; });
  }
  function hints(value) {
    var kept = {};
    if (isObject(value)) Object.keys(value).forEach(function (id) {
      if (Q.isIndex(value[id], 100)) kept[id] = value[id];
    });
    return kept;
  }

  function attempt(value) {
    if (!isObject(value) || !Q.isIndex(value.seed, 4294967296)) return null;
    var kept = {
      seed: value.seed,
      answers: isObject(value.answers) ? value.answers : {},
      hints: hints(value.hints),
      checked: value.checked === true,
      submitted: value.submitted === true,
      recorded: value.recorded === true
    };
    if (isIds(value.questions)) kept.questions = value.questions;
    if (isDate(value.started)) kept.started = value.started;
    if (kept.recorded && isScore(value.score)) kept.score = value.score;
    return kept;
  }

  function finished(value) {
    var kept = attempt(value);
    if (!kept || !isIds(value.questions) || !isScore(value.score) || typeof value.passed !== "boolean" ||
        !isDate(value.at)) return null;
    var entry = { seed: kept.seed, questions: kept.questions, answers: kept.answers, hints: kept.hints,
      score: value.score, passed: value.passed, at: value.at };
    if (isObject(value.results)) {
      entry.results = {};
      kept.questions.forEach(function (id) {
        var state = Q.own(value.results, id);
        if (state === "correct" || state === "partial" || state === "incorrect") entry.results[id] = state;
      });
    }
    return entry;
  }

  // One quiz's progress: its summary (kept up to date by record), its recent attempts and the one under way.
  function quiz(value) {
    if (!isObject(value)) return null;
    var history = (Array.isArray(value.history) ? value.history : []).map(finished).filter(Boolean).slice(-HISTORY);
    var kept = { tries: Math.max(Q.isIndex(value.tries, 1e9) ? value.tries : 0, history.length),
      best: isScore(value.best) ? value.best : null, passed: isDate(value.passed) ? value.passed : null,
      last: isDate(value.last) ? value.last : null, history: history };
    var current = attempt(value.current);
    if (current) kept.current = current;
    return kept;
  }

  function empty() { return { version: VERSION, name: "", quizzes: {} }; }

  // Data of version 2, keeping every part of the right shape.
  function normal(value) {
    var data = empty();
    if (typeof value.name === "string") data.name = value.name.slice(0, 200);
    if (typeof value.notice === "string") data.notice = value.notice.slice(0, 300);
    if (isObject(value.quizzes)) Object.keys(value.quizzes).forEach(function (id) {
      var kept = quiz(value.quizzes[id]);
      if (kept) data.quizzes[id] = kept;
    });
    return data;
  }

  // Version 1 (before progress): {attempts: {quiz id: {seed, answers, hints, checked, submitted}}}.
  function fromVersion1(value) {
    var data = empty();
    Object.keys(value.attempts).forEach(function (id) {
      var kept = quiz({ current: value.attempts[id] });
      if (kept.current) data.quizzes[id] = kept;
    });
    return data;
  }

  // notices are kept as message keys: the page that shows one says it in its own language
  var NEWER = "views.store_newer";
  var UNREADABLE = "views.store_unreadable";

  // Stored text -> {data, problem}: the data to use, and why the text was set aside, if it was.
  Q.migrate = function (text) {
    var value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { data: empty(), problem: UNREADABLE };
    }
    if (!isObject(value)) return { data: empty(), problem: UNREADABLE };
    if (value.version === VERSION) return { data: normal(value), problem: "" };
    if (typeof value.version === "number" && value.version > VERSION) return { data: empty(), problem: NEWER, newer: true };
    if (value.version === undefined && isObject(value.attempts)) return { data: fromVersion1(value), problem: "" };
    return { data: empty(), problem: UNREADABLE };
  };

  function key() { return "quizgen:" + ((Q.course && Q.course.key) || "course"); }

  function storage() {
    try {
      var local = window.localStorage;
      local.getItem(key());
      return local;
    } catch (error) {
      return null; // blocked by the browser's settings
    }
  }

  var OFF = "views.store_off";

  function unavailable() {
    store.keeping = false;
    store.notice = OFF;
    if (!memory) memory = cache.data || empty();
  }

  // The notice waits in the data until a page shows it (store.seen): a page without a quiz may be first to read.
  function setAside(local, text, data, problem) {
    try {
      local.setItem(key() + ".set-aside." + new Date().toISOString(), text); // one copy each time, none overwritten
    } catch (error) {
      // nowhere to keep it: it is replaced all the same, the page must work
    }
    data.notice = problem;
  }

  function read() {
    var local = memory ? null : storage();
    if (!local) {
      if (!memory) unavailable();
      return memory;
    }
    var text = local.getItem(key());
    if (text === null) return fromOldKey(local);
    if (text === cache.text) return cache.data;
    var result = Q.migrate(text);
    if (result.newer) {
      // a newer build's progress: never overwritten from here, this page works from memory
      memory = result.data;
      store.keeping = false;
      store.notice = result.problem;
      return memory;
    }
    cache = { text: text, data: result.data };
    if (result.problem) {
      setAside(local, text, result.data, result.problem);
      write(result.data);
    }
    return result.data;
  }

  // Version 1 (one key for the whole address) held only attempts under way: they move here.
  function fromOldKey(local) {
    var old = local.getItem("quizgen.v1");
    if (old === null) return cache.text === null && cache.data ? cache.data : (cache = { text: null, data: empty() }).data;
    var moved = Q.migrate(old);
    if (moved.problem) setAside(local, old, moved.data, moved.problem);
    write(moved.data);
    if (store.keeping) local.removeItem("quizgen.v1"); // not before the new key is written
    return moved.data;
  }

  function write(data) {
    var text = JSON.stringify(data);
    cache = { text: text, data: data };
    if (memory) {
      memory = data;
      return;
    }
    var local = storage();
    try {
      if (!local) throw new Error("no storage");
      local.setItem(key(), text);
    } catch (error) {
      memory = data; // full or refused: progress goes on in memory
      unavailable();
    }
  }

  function update(change) {
    var data = JSON.parse(JSON.stringify(read()));
    change(data);
    write(data);
    changed(false);
  }

  // `whole`: the progress was replaced as a whole (another tab, a restored file, a reset).
  function changed(whole) {
    listeners.forEach(function (listener) {
      try {
        listener(whole);
      } catch (error) {
        // one view failing must not stop the others
      }
    });
  }

  function entry(data, quizId) {
    return Q.own(data.quizzes, quizId) || (data.quizzes[quizId] = quiz({}));
  }

  store.read = read;

  // What the learner should be told about their stored progress; once shown, it is not kept for later pages.
  store.message = function () {
    var waiting = read().notice; // first: reading may be what finds a problem
    var notice = store.notice || waiting;
    if (!notice) return "";
    // a notice's words come with the views part, not on every page: they are rarely needed
    if (Q.own(Q.messages, notice) === undefined && Q.parts && Q.load("views", changed)) return "";
    return Q.t(notice);
  };
  store.seen = function () {
    var waiting = read().notice;
    if (!waiting) return;
    store.notice = waiting;
    update(function (data) { delete data.notice; });
  };
  store.key = key;

  // The quiz's progress ({tries, best, passed, last, history, current}) or null.
  store.quiz = function (quizId) { return Q.own(read().quizzes, quizId) || null; };

  store.current = function (quizId) {
    var found = store.quiz(quizId);
    return found && found.current ? JSON.parse(JSON.stringify(found.current)) : null;
  };

  store.saveCurrent = function (quizId, current) {
    var stored = store.quiz(quizId);
    if (stored && JSON.stringify(stored.current) === JSON.stringify(current)) return;
    update(function (data) { entry(data, quizId).current = current; });
  };

  // A finished attempt: {seed, questions, answers, hints, score (percent), passed, at (ISO date)}.
  store.record = function (quizId, result) {
    update(function (data) {
      var item = entry(data, quizId);
      item.history = item.history.concat([result]).slice(-HISTORY);
      item.tries += 1;
      item.best = item.best === null ? result.score : Math.max(item.best, result.score);
      if (result.passed && !item.passed) item.passed = result.at;
      item.last = result.at;
    });
  };

  store.setName = function (name) {
    update(function (data) { data.name = String(name).slice(0, 200); });
  };

  store.replace = function (data) {
    write(normal(data));
    changed(true);
  };

  store.reset = function () {
    write(empty());
    changed(true);
  };

  // listener(whole) is called after every change, here or in another tab of the course.
  store.listen = function (listener) { listeners.push(listener); };

  if (typeof window !== "undefined" && window.addEventListener) {
    window.addEventListener("storage", function (event) {
      if (event.key === null || event.key === key()) changed(true);
    });
  }

  Q.store = store;
})(QuizGen);
