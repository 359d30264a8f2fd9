/* scenario: a branching call played one step at a time.
 * Response: the written index of the reply chosen at each step played, from the start.
 * Score: the points of the replies chosen; the question is worth the best path's points. */
(function (Q) {
  var END = "end";

  function walk(question, path, visit) {
    var step = question.start;
    var total = 0;
    for (var i = 0; i < path.length && step !== END; i++) {
      var replies = question.steps[step];
      if (!Q.isIndex(path[i], replies.length)) break;
      if (visit) visit(step, path[i]);
      total += replies[path[i]][1];
      step = replies[path[i]][0];
    }
    return { total: total, step: step };
  }

  function pathOf(fieldset) {
    try {
      var path = JSON.parse(fieldset.getAttribute("data-path") || "[]");
      return Array.isArray(path) ? path : [];
    } catch (error) {
      return [];
    }
  }

  function stepElement(fieldset, id) {
    return Q.all(fieldset, ".quizgen-step").filter(function (el) { return el.getAttribute("data-step") === id; })[0];
  }

  // Shows the call as played so far, then the step to answer next (or the end).
  function play(fieldset, question, path, exam) {
    var call = fieldset.querySelector(".quizgen-call");
    var end = fieldset.querySelector(".quizgen-call-end");
    var kept = [];
    Q.all(fieldset, ".quizgen-step").forEach(function (el) {
      el.hidden = true;
      el.classList.remove("is-played");
      Q.all(el, "input").forEach(function (input) {
        input.disabled = false;
        input.checked = false;
        input.closest(".quizgen-option").hidden = false;
      });
      el.querySelector(".quizgen-reply").hidden = false;
      Q.options.clear(el);
    });
    var last = walk(question, path, function (step, choice) {
      var el = stepElement(fieldset, step);
      kept.push(choice);
      el.hidden = false;
      el.classList.add("is-played");
      call.insertBefore(el, end);
      Q.all(el, ".quizgen-option input").forEach(function (each) {
        each.checked = Number(each.value) === choice;
        each.disabled = true;
        each.closest(".quizgen-option").hidden = !each.checked; // the transcript keeps the reply given
      });
      el.querySelector(".quizgen-reply").hidden = true;
      if (!exam) showFeedback(el, choice);
    }).step;
    fieldset.setAttribute("data-path", JSON.stringify(kept));
    if (last !== END) {
      var next = stepElement(fieldset, last);
      next.hidden = false;
      call.insertBefore(next, end);
    }
    end.hidden = last !== END;
    fieldset.querySelector(".quizgen-restart").hidden = kept.length === 0;
    return last;
  }

  function showFeedback(step, choice) {
    Q.all(step, ".quizgen-option").forEach(function (option) {
      Q.show(option.querySelector(".quizgen-option-feedback"), Number(option.getAttribute("data-index")) === choice);
    });
  }

  Q.kinds.scenario = {
    score: function (question, response) {
      return walk(question, Array.isArray(response) ? response : []).total;
    },
    read: function (fieldset) { return pathOf(fieldset); },
    write: function (fieldset, question, response, exam) {
      play(fieldset, question, Array.isArray(response) ? response : [], exam);
    },
    answered: function (response) { return Array.isArray(response) && response.length > 0; },
    arrange: function (fieldset, question, orders) {
      Object.keys(orders).forEach(function (step) {
        var el = stepElement(fieldset, step);
        if (el) Q.options.arrange(el, orders[step]);
      });
    },
    // A reply or a restart: returns the element to move the focus to, and what to announce.
    click: function (fieldset, question, button, exam) {
      var path = pathOf(fieldset);
      if (button.classList.contains("quizgen-restart")) {
        play(fieldset, question, [], exam);
        return { focus: stepElement(fieldset, question.start).querySelector(".quizgen-caller") };
      }
      var step = button.closest(".quizgen-step");
      var chosen = step.querySelector(".quizgen-option input:checked");
      if (!chosen) {
        step.querySelector(".quizgen-option input").focus();
        return { problem: Q.t("kinds.choose_reply") };
      }
      var last = play(fieldset, question, path.concat(Number(chosen.value)), exam);
      var feedback = step.querySelector(".quizgen-option-feedback:not([hidden])");
      return {
        focus: last === END ? fieldset.querySelector(".quizgen-call-end")
          : stepElement(fieldset, last).querySelector(".quizgen-caller"),
        announce: feedback ? feedback.textContent : ""
      };
    },
    // An exam asks before submitting a call that has not reached its end.
    finished: function (question, response) {
      return walk(question, Array.isArray(response) ? response : []).step === END;
    },
    show: function (fieldset, question, response) {
      walk(question, Array.isArray(response) ? response : [], function (step, choice) {
        var el = stepElement(fieldset, step);
        var replies = question.steps[step];
        var best = Math.max.apply(null, replies.map(function (r) { return r[1]; }));
        var option = Q.all(el, ".quizgen-option").filter(function (o) {
          return Number(o.getAttribute("data-index")) === choice;
        })[0];
        option.classList.add(replies[choice][1] === best ? "is-chosen-right" : "is-chosen-wrong");
        option.querySelector(".quizgen-option-state").textContent =
          Q.t("kinds.your_reply", { points: Q.t("quiz.points", { count: replies[choice][1] }), best: best });
        showFeedback(el, choice);
      });
      Q.show(fieldset.querySelector(".quizgen-best-path"), true);
    },
    verdict: function (question, response) {
      return walk(question, Array.isArray(response) ? response : []).step === END ? "" : Q.t("kinds.call_unfinished");
    },
    clear: function (fieldset) {
      Q.all(fieldset, ".quizgen-step").forEach(function (el) {
        Q.all(el, ".quizgen-option").forEach(function (option) {
          option.classList.remove("is-chosen-right", "is-chosen-wrong");
          option.querySelector(".quizgen-option-state").textContent = "";
        });
      });
      Q.show(fieldset.querySelector(".quizgen-best-path"), false);
    }
  };
})(QuizGen);
