/* matching: a <select> of the choices per pair; response = each written pair's chosen choice index or null.
 * Score: points * pairs matched rightly / pairs. */
(function (Q) {
  function selects(fieldset) { return Q.all(fieldset, ".quizgen-pair select"); }

  Q.kinds.matching = {
    score: function (question, response) {
      var given = Array.isArray(response) ? response : [];
      var right = 0;
      for (var i = 0; i < question.pairs; i++) if (given[i] === i) right += 1;
      return question.points * right / question.pairs;
    },
    read: function (fieldset, question) { return Q.options.readSelects(fieldset, ".quizgen-pair", question.pairs); },
    write: function (fieldset, question, response) {
      Q.options.writeSelects(fieldset, ".quizgen-pair", response, question.choices);
    },
    answered: Q.options.anySelected,
    arrange: function (fieldset, question, orders) {
      selects(fieldset).forEach(function (select) {
        Q.reorder(select, "option[value]:not([value=''])", orders.choices, "value");
      });
    },
    show: function (fieldset, question, response) {
      var given = Array.isArray(response) ? response : [];
      Q.all(fieldset, ".quizgen-pair").forEach(function (pair) {
        var index = Number(pair.getAttribute("data-index"));
        var right = given[index] === index;
        pair.classList.add(right ? "is-chosen-right" : "is-chosen-wrong");
        pair.querySelector(".quizgen-option-state").textContent = Q.t(right ? "kinds.pair_right" : "kinds.pair_wrong");
        Q.show(pair.querySelector(".quizgen-right-answer"), !right);
      });
    },
    clear: function (fieldset) {
      Q.all(fieldset, ".quizgen-pair").forEach(function (pair) {
        pair.classList.remove("is-chosen-right", "is-chosen-wrong");
        pair.querySelector(".quizgen-option-state").textContent = "";
        Q.show(pair.querySelector(".quizgen-right-answer"), false);
      });
    }
  };
})(QuizGen);
