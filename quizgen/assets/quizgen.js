/* quizgen runtime: scores the self-checks that quizgen renders into a page.
 *
 * No dependencies, no network. It listens on the document, so it keeps
 * working when a theme swaps page content without reloading (instant
 * navigation). Scoring mirrors quizgen/score.py; both are tested against
 * tests/vectors/scoring.json.
 */
(function () {
  "use strict";
  if (window.QuizGen) return; // loaded twice: the first copy already listens

  var WHITESPACE = "[ \\t\\n\\r\\f\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
  var EDGES = new RegExp("^" + WHITESPACE + "+|" + WHITESPACE + "+$", "g");
  var INNER = new RegExp(WHITESPACE + "+", "g");
  var EPSILON = 1e-9;

  function normalise(text) {
    return String(text).normalize("NFC").replace(EDGES, "").replace(INNER, " ").toLowerCase();
  }

  function formatPoints(value) {
    var text = value.toFixed(2);
    if (text.indexOf(".") >= 0) text = text.replace(/0+$/, "").replace(/\.$/, "");
    return text === "-0" ? "0" : text;
  }

  function scoreQuestion(question, response) {
    var points = question.points;
    var score = 0;
    if (question.type === "single") {
      score = typeof response === "number" && question.correct.indexOf(response) >= 0 ? points : 0;
    } else if (question.type === "true_false") {
      score = response === question.answer ? points : 0;
    } else if (question.type === "multiple") {
      var chosen = Array.isArray(response) ? response : [];
      var right = 0;
      var wrong = 0;
      chosen.forEach(function (index, position) {
        if (chosen.indexOf(index) !== position) return; // count each choice once
        if (question.correct.indexOf(index) >= 0) right += 1;
        else if (index >= 0 && index < question.options) wrong += 1;
      });
      score = points * Math.max(0, right - wrong) / question.correct.length;
    } else if (question.type === "fill_blank") {
      var given = typeof response === "string" ? normalise(response) : "";
      score = given !== "" && question.answers.some(function (a) { return normalise(a) === given; }) ? points : 0;
    }
    var state = score >= points ? "correct" : score > 0 ? "partial" : "incorrect";
    return { score: score, max: points, state: state };
  }

  function scoreQuiz(data, responses) {
    var result = { questions: {}, total: 0, max: 0 };
    data.questions.forEach(function (question) {
      var scored = scoreQuestion(question, responses[question.id]);
      result.questions[question.id] = scored;
      result.total += scored.score;
      result.max += scored.max;
    });
    result.percent = result.total / result.max * 100;
    result.shownPercent = Math.floor(result.percent + EPSILON);
    result.passed = result.percent + EPSILON >= data.passMark;
    var head = formatPoints(result.total) + " of " + result.max + (result.max === 1 ? " point" : " points") +
      " (" + result.shownPercent + "%)";
    result.message = result.passed ? head + " - passed"
      : head + " - not passed yet, " + formatPoints(data.passMark) + "% needed";
    return result;
  }

  /* ---- the page ---------------------------------------------------------- */

  function readData(form) {
    var holder = form.querySelector("template.quizgen-data");
    var script = holder && holder.content.querySelector('script[type="application/json"]');
    return JSON.parse(script.textContent);
  }

  function fieldsetFor(form, question) {
    var sets = form.querySelectorAll("fieldset.quizgen-question");
    for (var i = 0; i < sets.length; i++) {
      if (sets[i].getAttribute("data-question-id") === question.id) return sets[i];
    }
    return null;
  }

  function readResponse(fieldset, question) {
    if (question.type === "fill_blank") {
      var input = fieldset.querySelector("input[type=text]");
      return input ? input.value : "";
    }
    var checked = Array.prototype.map.call(
      fieldset.querySelectorAll("input:checked"), function (el) { return el.value; });
    if (question.type === "multiple") return checked.map(Number);
    if (!checked.length) return null;
    return question.type === "true_false" ? checked[0] === "true" : Number(checked[0]);
  }

  function isRightOption(question, index) {
    if (question.type === "true_false") return (index === 0) === question.answer;
    return question.correct.indexOf(index) >= 0;
  }

  function show(element, visible) {
    if (element) element.hidden = !visible;
  }

  function markOptions(fieldset, question, scored) {
    var options = fieldset.querySelectorAll(".quizgen-option");
    Array.prototype.forEach.call(options, function (option) {
      var index = Number(option.getAttribute("data-index"));
      var input = option.querySelector("input");
      var right = isRightOption(question, index);
      var chosen = input.checked;
      var state = "";
      var text = "";
      if (chosen && right) { state = "is-chosen-right"; text = "Your choice: right"; }
      else if (chosen) { state = "is-chosen-wrong"; text = "Your choice: not right"; }
      else if (right && scored.state !== "correct") { state = "is-missed"; text = "A right answer"; }
      if (state) option.classList.add(state);
      option.querySelector(".quizgen-option-state").textContent = text;
      var feedback = option.querySelector(".quizgen-option-feedback");
      show(feedback, (chosen && !right) || state === "is-missed");
      if (feedback && !feedback.hidden) input.setAttribute("aria-describedby", feedback.id);
    });
  }

  function answered(response) {
    if (response === null || response === undefined) return false;
    if (typeof response === "string") return normalise(response) !== "";
    if (Array.isArray(response)) return response.length > 0;
    return true;
  }

  function verdict(scored, response) {
    if (scored.state === "correct") return "Right.";
    if (!answered(response)) return "Not answered.";
    if (scored.state === "partial") {
      return "Partly right: " + formatPoints(scored.score) + " of " + scored.max + " points.";
    }
    return "Not right.";
  }

  function check(form) {
    var data = readData(form);
    var responses = {};
    data.questions.forEach(function (question) {
      var fieldset = fieldsetFor(form, question);
      responses[question.id] = fieldset ? readResponse(fieldset, question) : null;
    });
    clear(form);
    var result = scoreQuiz(data, responses);
    data.questions.forEach(function (question) {
      var fieldset = fieldsetFor(form, question);
      if (!fieldset) return;
      var scored = result.questions[question.id];
      fieldset.classList.add("is-" + scored.state);
      fieldset.querySelector(".quizgen-verdict").textContent = verdict(scored, responses[question.id]);
      show(fieldset.querySelector(".quizgen-result"), true);
      if (question.type === "fill_blank") {
        show(fieldset.querySelector(".quizgen-accepted"), scored.state !== "correct");
      } else {
        markOptions(fieldset, question, scored);
      }
      show(fieldset.querySelector(".quizgen-feedback"), scored.state !== "correct");
    });
    form.classList.add("is-checked", result.passed ? "is-passed" : "is-not-passed");
    var status = form.querySelector(".quizgen-score");
    // set after a tick so that screen readers announce a repeated message again
    window.setTimeout(function () {
      if (form.classList.contains("is-checked")) status.textContent = result.message;
    }, 50);
    return result;
  }

  function clear(form) {
    form.classList.remove("is-checked", "is-passed", "is-not-passed");
    Array.prototype.forEach.call(form.querySelectorAll(".quizgen-question"), function (fieldset) {
      fieldset.classList.remove("is-correct", "is-partial", "is-incorrect");
      show(fieldset.querySelector(".quizgen-result"), false);
    });
    Array.prototype.forEach.call(form.querySelectorAll(".quizgen-option"), function (option) {
      option.classList.remove("is-chosen-right", "is-chosen-wrong", "is-missed");
      option.querySelector(".quizgen-option-state").textContent = "";
      show(option.querySelector(".quizgen-option-feedback"), false);
      option.querySelector("input").removeAttribute("aria-describedby");
    });
    form.querySelector(".quizgen-score").textContent = "";
  }

  function quizOf(event) {
    var target = event.target;
    var form = target && target.closest ? target.closest("form.quizgen-quiz") : null;
    return form;
  }

  document.addEventListener("submit", function (event) {
    var form = quizOf(event);
    if (!form) return;
    event.preventDefault();
    check(form);
  });

  document.addEventListener("reset", function (event) {
    var form = quizOf(event);
    if (!form) return;
    clear(form);
    var first = form.querySelector(".quizgen-question input");
    if (first) first.focus();
  });

  // Changing an answer after checking clears the marks, so they never describe
  // answers the learner no longer gives.
  function onEdit(event) {
    var form = quizOf(event);
    if (form && form.classList.contains("is-checked")) clear(form);
  }
  document.addEventListener("change", onEdit);
  document.addEventListener("input", onEdit);

  window.QuizGen = {
    normalise: normalise,
    formatPoints: formatPoints,
    scoreQuestion: scoreQuestion,
    scoreQuiz: scoreQuiz,
    check: check
  };
})();
