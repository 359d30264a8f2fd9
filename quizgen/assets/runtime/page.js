/* quizgen runtime, the page: finds each self-check (also after a theme swaps
 * the page in place), starts or resumes its attempt, and wires the form's
 * controls to the kinds. Listens on the document, never inline.
 */
(function (Q) {
  if (typeof document === "undefined") return; // under Node: the rules only
  var contexts = new WeakMap();

  function newSeed() {
    var seed = new Uint32Array(1);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(seed);
    else seed[0] = Math.floor(Math.random() * 4294967296);
    return seed[0];
  }

  function readData(form) {
    var holder = form.querySelector("template.quizgen-data");
    return JSON.parse(holder.content.querySelector('script[type="application/json"]').textContent);
  }

  function fieldsetOf(ctx, id) {
    return Q.all(ctx.form, "fieldset.quizgen-question").filter(function (fieldset) {
      return fieldset.getAttribute("data-question-id") === id;
    })[0];
  }

  function each(ctx, callback) {
    ctx.plan.questions.forEach(function (id) {
      var fieldset = fieldsetOf(ctx, id);
      if (fieldset) callback(fieldset, ctx.byId[id], Q.kinds[ctx.byId[id].type]);
    });
  }

  function setup(form) {
    if (contexts.has(form)) return contexts.get(form);
    var ctx = { form: form, byId: {} };
    try {
      ctx.data = readData(form);
    } catch (error) {
      return null;
    }
    ctx.exam = ctx.data.mode === "exam";
    ctx.data.questions.forEach(function (question) { ctx.byId[question.id] = question; });
    contexts.set(form, ctx);
    start(ctx, Q.store.load(ctx.data.id));
    form.classList.add("is-ready");
    return ctx;
  }

  // Shows the attempt: its questions in its order, numbered, with its answers.
  function start(ctx, attempt) {
    ctx.attempt = attempt || { seed: newSeed(), answers: {}, hints: {}, checked: false, submitted: false };
    ctx.plan = Q.plan(ctx.data, ctx.attempt.seed);
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
      fieldset.querySelector(".quizgen-number").textContent = "Question " +
        (ctx.plan.questions.indexOf(question.id) + 1) + " of " + count + " (" + Q.plural(question.points, "point") + ")";
      if (kind.arrange && ctx.plan.orders[question.id]) kind.arrange(fieldset, question, ctx.plan.orders[question.id]);
      try {
        kind.write(fieldset, question, ctx.attempt.answers[question.id], ctx.exam);
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
    Q.store.save(ctx.data.id, ctx.attempt);
  }

  function answered(kind, response) {
    if (kind.answered) return kind.answered(response);
    return response !== null && response !== undefined && !(Array.isArray(response) && !response.length);
  }

  function verdict(kind, question, response, scored) {
    var lead = kind.verdict ? kind.verdict(question, response) : "";
    var points = Q.formatPoints(scored.score) + " of " + Q.plural(scored.max, "point");
    if (scored.state === "correct") return scored.score < scored.max ? "Right, less the hints: " + points + "." : "Right.";
    if (!answered(kind, response)) return "Not answered.";
    if (scored.state === "partial") return lead + "Partly right: " + points + ".";
    return lead + "Not right.";
  }

  function showProblem(fieldset, text) {
    var element = fieldset.querySelector(".quizgen-problem");
    if (!element) return;
    element.textContent = text || "";
    element.hidden = !text;
  }

  function announce(ctx, text) {
    var status = ctx.form.querySelector(".quizgen-score");
    status.textContent = "";
    // set after a tick so that screen readers announce a repeated message again
    window.setTimeout(function () { status.textContent = text; }, 50);
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
      return announce(ctx, "Not checked yet: " + Q.plural(problems.length, "question") + " to put right first.");
    }
    if (!restoring && ctx.exam && unanswered.length && !ctx.confirm) {
      ctx.confirm = true;
      return announce(ctx, Q.plural(unanswered.length, "question") + " not answered in full. " +
        "Press Submit answers again to submit as it stands.");
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
    save(ctx);
    announce(ctx, result.message);
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
    button.textContent = "Show hint " + (revealed + 1) + " of " + question.hints + " (" + box.getAttribute("data-cost") + ")";
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
    start(ctx, null);
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
    Q.all(document, "form.quizgen-quiz").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupAll);
  else setupAll();
  // Themes with instant navigation swap the page's content in place: set up the new quizzes too.
  new MutationObserver(setupAll).observe(document.documentElement, { childList: true, subtree: true });

  Q.check = function (form) { var ctx = setup(form); return ctx && check(ctx, false); };
})(QuizGen);
