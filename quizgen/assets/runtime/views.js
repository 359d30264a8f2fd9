/* quizgen views, loaded by the runtime on the pages that need them: the
 * progress page, the certificate, and the learner's own copy of their
 * progress (download, restore, reset). A file of its own so that lesson
 * pages do not carry this code.
 */
(function (Q) {
  if (!Q || Q.pages) return;
  var pending = null; // progress read from a file, waiting for the learner to confirm
  var passed = Q.passed;
  var required = Q.required;
  var percent = Q.percent;
  var t = Q.t;
  var text = Q.text;
  var show = Q.showIf;
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function field(holder, name) { return holder.querySelector('[data-field="' + name + '"]'); }

  function progressPage() {
    Q.all(document, '[data-quizgen="progress"]').forEach(function (holder) {
      var rows = Q.all(holder, "tr[data-quiz-id]");
      rows.forEach(function (row) {
        var quiz = Q.store.quiz(row.getAttribute("data-quiz-id"));
        var tried = Boolean(quiz && quiz.tries);
        text(field(row, "best"), tried ? percent(quiz.best) : t("views.none_yet"));
        text(field(row, "passed"), quiz && quiz.passed ? t("views.passed_on", { date: Q.date(quiz.passed) }) : t("views.not_yet"));
        text(field(row, "tries"), String(tried ? quiz.tries : 0));
        text(field(row, "last"), tried ? Q.date(quiz.last) : t("views.never"));
        row.classList.toggle("is-passed", Boolean(quiz && quiz.passed));
      });
      var bar = holder.querySelector("progress");
      if (!bar) return;
      var ids = holder.hasAttribute("data-module")
        ? rows.map(function (row) { return row.getAttribute("data-quiz-id"); })
        : required().map(function (item) { return item.id; });
      var count = ids.filter(passed).length;
      text(field(holder, "passed-count"), String(count));
      if (Number(bar.value) !== count) bar.value = count;
    });
  }

  function certificate() {
    var complete = false;
    Q.all(document, '[data-quizgen="certificate"]').forEach(function (holder) {
      var items = required();
      var left = items.filter(function (item) { return !passed(item.id); });
      var done = items.length > 0 && !left.length;
      show(holder.querySelector('[data-part="todo"]'), !done);
      show(holder.querySelector('[data-part="done"]'), done);
      holder.classList.toggle("is-complete", done);
      complete = complete || done;
      text(field(holder, "left"), String(left.length));
      Q.all(holder, ".quizgen-todo li[data-quiz-id]").forEach(function (item) {
        show(item, !passed(item.getAttribute("data-quiz-id")));
      });
      if (!done) return;
      var data = Q.store.read();
      var input = holder.querySelector('[data-action="name"]');
      if (input && document.activeElement !== input && input.value !== data.name) input.value = data.name;
      text(field(holder, "name"), data.name || "\u00a0");
      var last = items.map(function (item) { return Q.store.quiz(item.id).passed; }).sort().pop();
      text(field(holder, "date"), Q.date(last));
      if (Q.course.final) text(field(holder, "final"), percent(Q.store.quiz(Q.course.final.id).best));
      Q.all(holder, "tr[data-quiz-id]").forEach(function (row) {
        var quiz = Q.store.quiz(row.getAttribute("data-quiz-id"));
        text(field(row, "best"), quiz && quiz.tries ? percent(quiz.best) : "");
      });
    });
    // for the print styles: this page shows a finished certificate (also off again after instant navigation)
    if (document.documentElement.classList.contains("quizgen-certificate-page") !== complete) {
      document.documentElement.classList.toggle("quizgen-certificate-page", complete);
    }
  }

  /* ---- the learner's own copy: download, restore, reset ---- */

  function tools(element) { return element.closest('[data-quizgen="tools"]'); }
  function say(holder, message) {
    var status = holder.querySelector(".quizgen-tools-status");
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }
  function part(holder, name, shown) { show(holder.querySelector('[data-part="' + name + '"]'), shown); }
  function passedIn(data) {
    return required().filter(function (item) { return (Q.own(data.quizzes, item.id) || {}).passed; }).length;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action");
    if (action === "print") return window.print();
    var holder = tools(button);
    if (!holder) return;
    if (action === "download") {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([file()], { type: "application/json" }));
      link.download = (Q.course ? Q.course.key : "course") + "-progress-" + new Date().toISOString().slice(0, 10) + ".json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      say(holder, t("views.downloaded", { file: link.download }));
    } else if (action === "restore" && pending) {
      Q.store.replace(pending);
      pending = null;
      part(holder, "restore", false);
      holder.querySelector('[data-action="restore-file"]').value = "";
      say(holder, t("views.restored"));
    } else if (action === "reset") {
      part(holder, "reset", true);
      holder.querySelector('[data-action="confirm-reset"]').focus();
    } else if (action === "confirm-reset") {
      Q.store.reset();
      part(holder, "reset", false);
      button.closest('[data-quizgen="tools"]').querySelector('[data-action="reset"]').focus();
      say(holder, t("views.deleted"));
    } else if (action === "cancel") {
      pending = null;
      part(holder, "restore", false);
      part(holder, "reset", false);
      say(holder, t("views.nothing_changed"));
    }
  });

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('[data-action="restore-file"]') || !input.files || !input.files[0]) return;
    var holder = tools(input);
    var reader = new FileReader();
    reader.onload = function () {
      var result = readFile(String(reader.result));
      pending = result.data || null;
      part(holder, "restore", Boolean(pending));
      if (!pending) return say(holder, t("views.not_changed", { problem: result.problem }));
      var summary = t("views.restore_summary", { passed: passedIn(pending), count: required().length, here: passedIn(Q.store.read()) });
      text(field(holder, "restore-summary"), summary);
      say(holder, summary);
      holder.querySelector('[data-action="restore"]').focus();
    };
    reader.onerror = function () { say(holder, t("views.file_unreadable")); };
    reader.readAsText(input.files[0]);
  });

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches('[data-action="name"]')) Q.store.setName(event.target.value);
  });

  function file() {
    return JSON.stringify({ course: Q.store.key().slice(8), saved: new Date().toISOString(), progress: Q.store.read() }, null, 1);
  }

  // A file's text -> {data} to restore, or {problem} saying what is wrong with it.
  function readFile(text) {
    var value;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { problem: t("views.file_damaged_or_other") };
    }
    if (!isObject(value) || !isObject(value.progress) || typeof value.course !== "string") {
      return { problem: t("views.file_not_progress") };
    }
    if (value.course !== Q.store.key().slice(8)) {
      return { problem: t("views.file_other_course", { course: value.course.slice(0, 80) }) };
    }
    var result = Q.migrate(JSON.stringify(value.progress));
    if (result.newer) return { problem: t("views.file_newer") };
    return result.problem ? { problem: t("views.file_damaged") } : { data: result.data };
  }

  Q.pages = function () {
    progressPage();
    certificate();
  };
  Q.views();
})(window.QuizGen);
