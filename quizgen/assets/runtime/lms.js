/* quizgen LMS bridge, run by a SCORM package's launch page (scorm-launch.html),
 * which frames the course: the launch page owns the LMS session for the
 * whole course, so moving between lessons never ends it. It finds the LMS's
 * API by the standard search of parent and opener windows, initialises once,
 * merges the LMS's copy of the progress (cmi.suspend_data) into the browser's,
 * then reports status, score and progress whenever the store changes (the
 * course pages write to the same store; the storage event brings the change
 * here), and finishes once, when the learner leaves (pagehide).
 * Without an LMS the course works as the static site and says nothing is
 * recorded; an LMS error is logged with its code and the course goes on.
 */
(function (Q) {
  if (!Q || Q.lms) return;
  var script = document.currentScript;
  var standard = script.getAttribute("data-standard") === "scorm2004" ? "scorm2004" : "scorm12";
  var v12 = standard === "scorm12";
  var NAMES = v12
    ? { api: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
        finish: "LMSFinish", error: "LMSGetLastError", text: "LMSGetErrorString" }
    : { api: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
        finish: "Terminate", error: "GetLastError", text: "GetErrorString" };
  var SUSPEND_LIMIT = 4096; // SCORM 1.2's cmi.suspend_data; 2004 allows 64,000
  var started = Date.now();
  var written = {};
  var finished = false;

  // The standard search: this window's parents, then the opener's, for the API object.
  function search(win) {
    for (var depth = 0; win && depth < 10; depth++) {
      try {
        if (win[NAMES.api]) return win[NAMES.api];
      } catch (error) {
        // a window of another origin: keep climbing
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = search(window.parent !== window ? window.parent : null) || search(window.opener);

  function call(name, key, value) {
    try {
      var result = key === undefined ? api[NAMES[name]]("") : value === undefined ? api[NAMES[name]](key) : api[NAMES[name]](key, value);
      if (result === false || result === "false") {
        var code = api[NAMES.error]();
        console.warn("quizgen: the LMS refused " + NAMES[name] + "(" + (key || "") + "): error " + code + ", " + api[NAMES.text](code));
      }
      return result;
    } catch (error) {
      console.warn("quizgen: the LMS failed on " + NAMES[name] + "(" + (key || "") + "): " + error);
      return "";
    }
  }

  function set(key, value) {
    value = String(value);
    if (written[key] === value) return false;
    written[key] = value;
    call("set", key, value);
    return true;
  }

  function day(date) { return date ? Math.floor(Date.parse(date) / 864e5) : 0; }
  function iso(days) { return days ? new Date(days * 864e5).toISOString() : null; }

  // Every quiz's summary as short text: {"v":2,"q":{id:[best, passed day, tries, last day]}}, days since 1970-01-01
  // (0: never). PROGRESS.md documents it; the whole course must fit SCORM 1.2's 4,096 characters.
  Q.store.compact = function () {
    var summary = {};
    var data = Q.store.read();
    Object.keys(data.quizzes).forEach(function (id) {
      var item = data.quizzes[id];
      if (item.tries) summary[id] = [Math.round((item.best || 0) * 100) / 100, day(item.passed), item.tries, day(item.last)];
    });
    return JSON.stringify({ v: data.version, q: summary });
  };

  // The LMS's copy, from another computer perhaps: the better of the two for each quiz.
  function merge(text) {
    var value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return; // unreadable: the browser's copy stands
    }
    if (!value || typeof value.q !== "object" || value.v !== 2) return;
    var data = JSON.parse(JSON.stringify(Q.store.read()));
    var changed = false;
    Object.keys(value.q).forEach(function (id) {
      var entry = value.q[id];
      if (!Array.isArray(entry) || entry.length !== 4 || !entry.every(function (n) { return typeof n === "number" && isFinite(n) && n >= 0; })) return;
      var mine = Q.own(data.quizzes, id) || (data.quizzes[id] = { tries: 0, best: null, passed: null, last: null, history: [] });
      var passed = iso(entry[1]);
      var last = iso(entry[3]);
      if (Math.min(entry[0], 100) > (mine.best || 0)) { mine.best = Math.min(entry[0], 100); changed = true; }
      if (passed && (!mine.passed || passed < mine.passed)) { mine.passed = passed; changed = true; }
      if (entry[2] > mine.tries) { mine.tries = Math.floor(entry[2]); changed = true; }
      if (last && (!mine.last || last > mine.last)) { mine.last = last; changed = true; }
    });
    if (changed) Q.store.replace(data);
  }

  function duration(ms) {
    var seconds = Math.max(0, Math.round(ms / 1000));
    var h = Math.floor(seconds / 3600);
    var m = Math.floor(seconds % 3600 / 60);
    var s = seconds % 60;
    if (!v12) return "PT" + h + "H" + m + "M" + s + "S";
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return (h < 1000 ? ("000" + h).slice(-4) : String(h)) + ":" + two(m) + ":" + two(s);
  }

  // Status and score from the course's rule: every check passed (the final check included) is complete.
  function report() {
    if (!api || finished || !Q.course) return;
    var items = Q.course.lessons.concat(Q.course.final ? [Q.course.final] : []);
    var complete = items.length > 0 && items.every(function (item) { return Q.passed(item.id); });
    var final = Q.course.final && Q.store.quiz(Q.course.final.id);
    var finalFailed = Boolean(final && final.tries && !final.passed);
    var changed = false;
    if (final && final.tries) {
      var raw = Math.round(final.best * 100) / 100;
      changed = set(v12 ? "cmi.core.score.min" : "cmi.score.min", 0) || changed;
      changed = set(v12 ? "cmi.core.score.max" : "cmi.score.max", 100) || changed;
      changed = set(v12 ? "cmi.core.score.raw" : "cmi.score.raw", raw) || changed;
      if (!v12) changed = set("cmi.score.scaled", Math.round(raw) / 100) || changed;
    }
    if (v12) {
      changed = set("cmi.core.lesson_status", complete ? "passed" : finalFailed ? "failed" : "incomplete") || changed;
    } else {
      changed = set("cmi.completion_status", complete ? "completed" : "incomplete") || changed;
      changed = set("cmi.success_status", complete ? "passed" : finalFailed ? "failed" : "unknown") || changed;
    }
    changed = interactions() || changed;
    var suspend = Q.store.compact();
    if (suspend.length > SUSPEND_LIMIT) console.warn("quizgen: the progress summary has " + suspend.length + " characters, more than SCORM allows");
    else changed = set("cmi.suspend_data", suspend) || changed;
    if (changed) call("commit");
  }

  // Each question of each final-check attempt made in this session, as an interaction (a journal: appended).
  var reported = {};
  function interactions() {
    var final = Q.course.final && Q.store.quiz(Q.course.final.id);
    var added = false;
    ((final && final.history) || []).forEach(function (entry) {
      var key = entry.at + "/" + entry.seed;
      if (reported[key] || Date.parse(entry.at) < started - 1000 || !entry.results) return;
      reported[key] = true;
      entry.questions.forEach(function (id) {
        var n = Number(call("get", "cmi.interactions._count")) || 0;
        var base = "cmi.interactions." + n + ".";
        var state = entry.results[id] || "incorrect";
        var response = JSON.stringify(Q.own(entry.answers, id) === undefined ? null : Q.own(entry.answers, id));
        set(base + "id", id);
        set(base + "type", v12 ? "performance" : "other");
        if (v12) {
          set(base + "student_response", response.slice(0, 255));
          set(base + "result", state === "correct" ? "correct" : state === "partial" ? "neutral" : "wrong");
          set(base + "time", entry.at.slice(11, 19));
        } else {
          set(base + "timestamp", entry.at.slice(0, 19));
          set(base + "learner_response", response.slice(0, 4000));
          set(base + "result", state === "correct" ? "correct" : state === "partial" ? "neutral" : "incorrect");
        }
        added = true;
      });
    });
    return added;
  }

  function finish() {
    if (!api || finished) return;
    report();
    set(v12 ? "cmi.core.session_time" : "cmi.session_time", duration(Date.now() - started));
    if (!v12) set("cmi.exit", "suspend");
    else set("cmi.core.exit", "suspend");
    call("commit");
    finished = true;
    call("finish");
  }

  Q.lms = { standard: standard, connected: Boolean(api), report: report, finish: finish };

  var notice = document.getElementById("quizgen-lms-notice");
  if (!api) {
    if (notice) notice.hidden = false; // the course still works; nothing reaches an LMS
    return;
  }
  call("init");
  merge(call("get", "cmi.suspend_data"));
  report();
  Q.store.listen(report);
  window.addEventListener("pagehide", finish);
})(window.QuizGen);
