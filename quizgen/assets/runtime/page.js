/* quizgen runtime, the page: finds each self-check (also after a theme swaps
 * the page in place), starts or resumes its attempt, and wires the form's
 * controls to the kinds. Listens on the document, never inline.
 */
(function (Q) {
  if (typeof document === "undefined") return; // under Node: the rules only
  var contexts = new WeakMap();

  function newSeed() {
    return window.crypto.getRandomValues(new Uint32Array(1))[0];
  }

  function readData(form) {
    var holder = form.querySelector("template.quizgen-data");
    return JSON.parse(holder.content.querySelector('script[type="application/json"]').textContent);
  }

  function fieldsetOf(ctx, id) {
    return ctx.form.querySelector('fieldset[data-question-id="' + id + '"]'); // ids are letters, digits and hyphens
  }

  function each(ctx, callback) {
    ctx.plan.questions.forEach(function (id) {
      var fieldset = fieldsetOf(ctx, id);
      if (fieldset) callback(fieldset, ctx.byId[id], Q.kinds[ctx.byId[id].type]);
    });
  }

  function setup(form) {
    if (contexts.has(form)) return contexts.get(form);
    var ctx = { form: form, byId: Object.create(null) };
    try {
      ctx.data = readData(form);
    } catch (error) {
      return null;
    }
    if (ctx.data.questions.some(function (question) { return !Q.kinds[question.type]; })) {
      // set up once the kinds it needs are here; if they never come (a page newer than this script), say so
      if (!Q.load("kinds", setupAll)) {
        contexts.set(form, null); // given up on: not tried again at every change of the page
        form.querySelector(".quizgen-score").textContent = Q.t("quiz.reload");
      }
      return null;
    }
    ctx.exam = ctx.data.mode === "exam";
    ctx.data.questions.forEach(function (question) { ctx.byId[question.id] = question; });
    contexts.set(form, ctx);
    var stored = Q.store.current(ctx.data.id);
    start(ctx, stored);
    ctx.resumed = Boolean(stored && !stored.checked && begun(ctx));
    showRecord(ctx);
    form.classList.add("is-ready");
    return ctx;
  }

  // Whether the attempt holds anything of the learner's: an answer given or a hint shown (a fresh
  // attempt is stored too, with every answer empty: coming back to it resumes nothing).
  function begun(ctx) {
    var found = false;
    each(ctx, function (fieldset, question, kind) {
      if (answered(kind, Q.own(ctx.attempt.answers, question.id)) || Q.own(ctx.attempt.hints, question.id) > 0) found = true;
    });
    return found;
  }

  Q.date = function (iso) {
    try {
      return new Date(iso).toLocaleDateString(Q.lang, { day: "numeric", month: "short", year: "numeric" });
    } catch (error) {
      return iso.slice(0, 10);
    }
  };

  // What this browser remembers of the quiz: passed or not, best score, an attempt resumed.
  function showRecord(ctx) {
    var record = ctx.form.querySelector(".quizgen-record");
    var notice = ctx.form.querySelector(".quizgen-notice");
    if (notice) {
      notice.textContent = Q.store.message();
      notice.hidden = !notice.textContent;
      if (!notice.hidden) Q.store.seen();
    }
    if (!record) return;
    var past = Q.store.quiz(ctx.data.id);
    var text = "";
    if (past && past.tries) {
      text = (past.passed ? Q.t("quiz.passed_on", { date: Q.date(past.passed) }) : Q.t("quiz.not_passed_yet")) + " " +
        Q.t("quiz.record", { percent: Q.percent(past.best), count: past.tries });
    }
    if (ctx.resumed) text += " " + Q.t("quiz.resumed");
    record.textContent = text.trim();
    record.hidden = !text;
  }

  // Another tab (or view) changed the stored progress: show the same attempt and record here.
  function sync(ctx, whole) {
    if (whole) {
      var stored = Q.store.current(ctx.data.id);
      // deleted (a reset, a restore without it): a new attempt; changed: show it; the same: leave the learner be
      if (!stored) start(ctx, null);
      else if (essence(stored) !== essence(ctx.attempt)) start(ctx, stored);
    }
    showRecord(ctx);
  }
  function essence(attempt) {
    return JSON.stringify([attempt.seed, attempt.answers, attempt.hints, attempt.checked, attempt.submitted]);
  }
  Q.store.listen(function (whole) {
    Q.all(document, "form.quizgen-quiz").forEach(function (form) {
      if (contexts.has(form)) sync(contexts.get(form), whole);
    });
  });

  // Shows the attempt: its questions in its order, numbered, with its answers.
  function start(ctx, attempt) {
    ctx.attempt = attempt || { seed: newSeed(), answers: {}, hints: {}, checked: false, submitted: false,
      recorded: false, started: new Date().toISOString() };
    ctx.plan = Q.plan(ctx.data, ctx.attempt.seed);
    var kept = (ctx.attempt.questions || []).filter(function (id, index, all) {
      return ctx.byId[id] && all.indexOf(id) === index;
    });
    if (kept.length && kept.join("\n") !== ctx.plan.questions.join("\n")) {
      // the bank changed since the attempt began: it keeps its questions, less any removed
      ctx.plan = Q.plan({ questions: kept.map(function (id) { return ctx.byId[id]; }) }, ctx.attempt.seed);
    }
    ctx.attempt.questions = ctx.plan.questions;
    ctx.confirm = false;
    var list = ctx.form.querySelector(".quizgen-questions");
    Q.all(ctx.form, "fieldset.quizgen-question").forEach(function (fieldset) {
      var question = ctx.byId[fieldset.getAttribute("data-question-id")];
      var shown = question && ctx.plan.questions.indexOf(question.id) >= 0;
      fieldset.hidden = !shown;
      fieldset.disabled = !shown;
      if (question && !shown) Q.kinds[question.type].write(fieldset, question, null, ctx.exam);
    });
    clear(ctx);
    var count = ctx.plan.questions.length;
    each(ctx, function (fieldset, question, kind) {
      list.appendChild(fieldset);
      fieldset.querySelector(".quizgen-number").textContent = Q.t("quiz.number", { number: ctx.plan.questions.indexOf(question.id) + 1,
        count: count, points: Q.t("quiz.points", { count: question.points }) });
      if (kind.arrange && ctx.plan.orders[question.id]) kind.arrange(fieldset, question, ctx.plan.orders[question.id]);
      try {
        kind.write(fieldset, question, Q.own(ctx.attempt.answers, question.id), ctx.exam);
      } catch (error) {
        kind.write(fieldset, question, null, ctx.exam); // a stored answer of the wrong shape: start it afresh
      }
      showHints(fieldset, question, Math.min(Number(ctx.attempt.hints[question.id]) || 0, question.hints || 0));
    });
    if (ctx.attempt.checked || ctx.attempt.submitted) check(ctx, true);
    else save(ctx);
  }

  function save(ctx) {
    var answers = {};
    each(ctx, function (fieldset, question, kind) { answers[question.id] = kind.read(fieldset, question); });
    ctx.attempt.answers = answers;
    Q.store.saveCurrent(ctx.data.id, JSON.parse(JSON.stringify(ctx.attempt)));
  }

  function answered(kind, response) {
    if (kind.answered) return kind.answered(response);
    return response !== null && response !== undefined && !(Array.isArray(response) && !response.length);
  }

  function verdict(kind, question, response, scored) {
    var lead = kind.verdict ? kind.verdict(question, response) : "";
    var points = Q.t("quiz.score_of", { score: scored.score, count: scored.max });
    if (scored.state === "correct") return scored.score < scored.max ? Q.t("quiz.right_less_hints", { points: points }) : Q.t("quiz.right");
    if (!answered(kind, response)) return Q.t("quiz.not_answered");
    if (scored.state === "partial") return lead + Q.t("quiz.partly_right", { points: points });
    return lead + Q.t("quiz.not_right");
  }

  function showProblem(fieldset, text) {
    var element = fieldset.querySelector(".quizgen-problem");
    if (!element) return;
    element.textContent = text || "";
    element.hidden = !text;
  }

  // `focus`: the keyboard moves there too (after a check, the learner goes on from the score)
  function announce(ctx, text, focus) {
    var status = ctx.form.querySelector(".quizgen-score");
    status.textContent = "";
    // set after a tick so that screen readers announce a repeated message again
    window.setTimeout(function () {
      status.textContent = text;
      if (focus) status.focus();
    }, 50);
  }

  // Scores the attempt and shows the marks; `restoring` replays a check made before a reload.
  function check(ctx, restoring) {
    var responses = {};
    var problems = [];
    var unanswered = [];
    each(ctx, function (fieldset, question, kind) {
      responses[question.id] = kind.read(fieldset, question);
      var problem = kind.problem ? kind.problem(fieldset, question, ctx.exam) : null;
      showProblem(fieldset, problem);
      if (problem) problems.push(fieldset);
      var response = responses[question.id];
      if (!answered(kind, response) || (kind.finished && !kind.finished(question, response))) unanswered.push(fieldset);
    });
    if (!restoring && problems.length) {
      var control = problems[0].querySelector("[aria-invalid=true]") || problems[0].querySelector(".quizgen-problem");
      if (control.tabIndex < 0 && !control.matches("select")) control.tabIndex = -1;
      control.focus();
      return announce(ctx, Q.t("quiz.put_right_first", { count: problems.length }));
    }
    if (!restoring && ctx.exam && unanswered.length && !ctx.confirm) {
      ctx.confirm = true;
      return announce(ctx, Q.t("quiz.not_answered_in_full", { count: unanswered.length }));
    }
    clear(ctx);
    var result = Q.scoreQuiz(ctx.data, responses, ctx.plan.questions, ctx.attempt.hints);
    each(ctx, function (fieldset, question, kind) {
      var scored = result.questions[question.id];
      fieldset.classList.add("is-" + scored.state);
      fieldset.querySelector(".quizgen-verdict").textContent = verdict(kind, question, responses[question.id], scored);
      Q.show(fieldset.querySelector(".quizgen-result"), true);
      kind.show(fieldset, question, responses[question.id], scored, ctx.exam);
      Q.show(fieldset.querySelector(".quizgen-feedback"), ctx.exam || scored.state !== "correct");
      if (ctx.exam) fieldset.disabled = true;
    });
    ctx.form.classList.add("is-checked", result.passed ? "is-passed" : "is-not-passed");
    ctx.attempt.checked = true;
    if (ctx.exam) {
      ctx.attempt.submitted = true;
      ctx.form.classList.add("is-submitted");
      ctx.form.querySelector(".quizgen-check").disabled = true;
    }
    var message = result.message;
    if (!restoring && !ctx.attempt.recorded) {
      // The first check of an attempt is its score: what the learner knew, not what the marks then showed.
      ctx.attempt.recorded = true;
      ctx.attempt.score = result.percent;
      var results = {};
      ctx.plan.questions.forEach(function (id) { results[id] = result.questions[id].state; });
      Q.store.record(ctx.data.id, { seed: ctx.attempt.seed, questions: ctx.plan.questions, answers: responses,
        hints: ctx.attempt.hints, results: results, score: result.percent, passed: result.passed, at: new Date().toISOString() });
    } else if (!restoring && typeof ctx.attempt.score === "number" && Math.abs(ctx.attempt.score - result.percent) > Q.EPSILON) {
      message = Q.t("quiz.recorded_stays", { message: message, percent: Q.percent(ctx.attempt.score) });
    }
    ctx.resumed = false;
    save(ctx);
    showRecord(ctx);
    announce(ctx, message, !restoring);
    return result;
  }

  function clear(ctx) {
    ctx.form.classList.remove("is-checked", "is-passed", "is-not-passed", "is-submitted");
    ctx.form.querySelector(".quizgen-check").disabled = false;
    each(ctx, function (fieldset, question, kind) {
      fieldset.classList.remove("is-correct", "is-partial", "is-incorrect");
      Q.show(fieldset.querySelector(".quizgen-result"), false);
      Q.show(fieldset.querySelector(".quizgen-feedback"), false);
      showProblem(fieldset, null);
      kind.clear(fieldset, question);
    });
    ctx.form.querySelector(".quizgen-score").textContent = "";
  }

  function showHints(fieldset, question, revealed) {
    var box = fieldset.querySelector(".quizgen-hints");
    if (!box) return;
    Q.all(box, ".quizgen-hint").forEach(function (hint, index) { hint.hidden = index >= revealed; });
    var button = box.querySelector(".quizgen-hint-button");
    button.hidden = revealed >= question.hints;
    button.textContent = Q.t("quiz.hint_button", { number: revealed + 1, count: question.hints, cost: box.getAttribute("data-cost") });
  }

  // Any change of answer ends a check in practice mode: marks never describe answers no longer given.
  function edited(ctx) {
    ctx.confirm = false;
    if (ctx.attempt.checked) {
      clear(ctx);
      ctx.attempt.checked = false;
    }
    save(ctx);
  }

  function contextOf(event) {
    var form = event.target && event.target.closest ? event.target.closest("form.quizgen-quiz") : null;
    return form ? setup(form) : null;
  }

  document.addEventListener("submit", function (event) {
    var ctx = contextOf(event);
    if (!ctx) return;
    event.preventDefault();
    if (!ctx.attempt.submitted) check(ctx, false);
  });

  // Try again: a new attempt, with a new seed (new draw, new order).
  document.addEventListener("reset", function (event) {
    var ctx = contextOf(event);
    if (!ctx) return;
    event.preventDefault(); // the kinds reset their own controls
    ctx.resumed = false; // the attempt brought back is gone: no longer offer to carry it on
    start(ctx, null);
    showRecord(ctx);
    var first = ctx.form.querySelector(".quizgen-question:not([hidden]) input, .quizgen-question:not([hidden]) select");
    if (first) first.focus();
  });

  function onEdit(event) {
    var ctx = contextOf(event);
    if (!ctx || ctx.attempt.submitted) return;
    var fieldset = event.target.closest("fieldset.quizgen-question");
    var question = fieldset && ctx.byId[fieldset.getAttribute("data-question-id")];
    var kind = question && Q.kinds[question.type];
    if (kind && kind.problem && fieldset.querySelector(".quizgen-problem:not([hidden])")) {
      showProblem(fieldset, kind.problem(fieldset, question, ctx.exam));
    }
    if (question && question.type === "scenario") return; // a reply counts when the learner presses Reply
    edited(ctx);
  }
  document.addEventListener("change", onEdit);
  document.addEventListener("input", onEdit);

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[type=button]");
    var ctx = button && contextOf(event);
    if (!ctx || ctx.attempt.submitted) return;
    var fieldset = button.closest("fieldset.quizgen-question");
    var question = ctx.byId[fieldset.getAttribute("data-question-id")];
    if (button.classList.contains("quizgen-hint-button")) {
      var revealed = Math.min((Number(ctx.attempt.hints[question.id]) || 0) + 1, question.hints);
      ctx.attempt.hints[question.id] = revealed;
      showHints(fieldset, question, revealed);
      fieldset.querySelectorAll(".quizgen-hint")[revealed - 1].focus();
      return edited(ctx);
    }
    var kind = Q.kinds[question.type];
    if (!kind.click) return;
    var outcome = kind.click(fieldset, question, button, ctx.exam);
    showProblem(fieldset, outcome.problem);
    if (outcome.problem) return;
    edited(ctx);
    if (outcome.focus) outcome.focus.focus();
    var live = fieldset.querySelector(".quizgen-call-live");
    if (live) live.textContent = outcome.announce || "";
  });

  function setupAll() {
    // the course's manifest (loaded after this script) names the progress's key: wait for it or the page
    if (!Q.course && document.readyState === "loading") return;
    Q.all(document, "form.quizgen-quiz").forEach(setup);
    if (Q.views) Q.views();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupAll);
  else setupAll();
  // Themes with instant navigation swap the page's content in place: set up the new quizzes too.
  new MutationObserver(setupAll).observe(document.documentElement, { childList: true, subtree: true });

  Q.check = function (form) { var ctx = setup(form); return ctx && check(ctx, false); };
})(QuizGen);
